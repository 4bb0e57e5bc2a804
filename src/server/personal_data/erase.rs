//! A parent's erasure: their rows deleted, their letters' slots freed for the school to re-issue,
//! the messages they wrote in conversations shared with another parent kept without their name,
//! and their address stripped from the mails and the security log the school keeps.
use crate::server::entities::{
    absence, audit_event, calendar_feed, consent, conversation, conversation_member,
    intradesk_open, known_browser, mailed_link, message, notification, notification_preference,
    notification_setting, outbox_mail, parent_account, parent_slot, push_subscription,
    second_factor, second_factor_wait, session, sign_in_code, survey_response,
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, TransactionTrait, sea_query::Expr};
use serde::Serialize;

/// What an erasure did.
#[derive(Debug, Serialize)]
pub struct Erased {
    /// Letter slots freed: the school may print new letters for them.
    pub slots_freed: u64,
    /// Conversations that were the parent's alone, deleted.
    pub conversations_deleted: u64,
}

/// Erases `account`: its own rows deleted, its slots freed, its name taken off what the school
/// keeps. One transaction: all or nothing.
pub async fn erase(
    db: &sea_orm::DatabaseConnection,
    account: &parent_account::Model,
) -> Result<Erased, DbErr> {
    let id = account.id;
    let txn = db.begin().await?;
    // Conversations with no other parent in them were theirs alone.
    let mine: Vec<i32> = conversation_member::Entity::find()
        .filter(conversation_member::Column::AccountId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|member| member.conversation_id)
        .collect();
    let shared: Vec<i32> = conversation_member::Entity::find()
        .filter(conversation_member::Column::ConversationId.is_in(mine.clone()))
        .filter(conversation_member::Column::AccountId.is_not_null())
        .filter(conversation_member::Column::AccountId.ne(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|member| member.conversation_id)
        .collect();
    let alone: Vec<i32> = mine.into_iter().filter(|c| !shared.contains(c)).collect();
    let conversations_deleted = conversation::Entity::delete_many()
        .filter(conversation::Column::Id.is_in(alone))
        .exec(&txn)
        .await?
        .rows_affected;
    // What they wrote in a shared conversation stays, without their name.
    message::Entity::update_many()
        .col_expr(
            message::Column::AuthorAccountId,
            Expr::value(Option::<i32>::None),
        )
        .filter(message::Column::AuthorAccountId.eq(id))
        .exec(&txn)
        .await?;
    let slots_freed = parent_slot::Entity::update_many()
        .col_expr(
            parent_slot::Column::AccountId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            parent_slot::Column::ClaimedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            parent_slot::Column::LinkConfirmedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        // The old letter no longer opens it: the school prints a new one (`cartable slot reset`).
        .col_expr(
            parent_slot::Column::TemporaryPasswordHash,
            Expr::value(Option::<String>::None),
        )
        .filter(parent_slot::Column::AccountId.eq(id))
        .exec(&txn)
        .await?
        .rows_affected;
    // The security log keeps that something happened, not to whom or from where.
    audit_event::Entity::update_many()
        .col_expr(
            audit_event::Column::AccountId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            audit_event::Column::Detail,
            Expr::value(Option::<String>::None),
        )
        .col_expr(audit_event::Column::Ip, Expr::value(Option::<String>::None))
        .col_expr(
            audit_event::Column::UserAgent,
            Expr::value(Option::<String>::None),
        )
        .filter(audit_event::Column::AccountId.eq(id))
        .exec(&txn)
        .await?;
    if let Some(email) = &account.email {
        outbox_mail::Entity::delete_many()
            .filter(outbox_mail::Column::Recipient.eq(email.as_str()))
            .exec(&txn)
            .await?;
    }
    macro_rules! delete_theirs {
        ($($entity:ident),*) => {$(
            $entity::Entity::delete_many()
                .filter($entity::Column::AccountId.eq(id))
                .exec(&txn)
                .await?;
        )*};
    }
    delete_theirs!(
        conversation_member,
        consent,
        session,
        known_browser,
        mailed_link,
        sign_in_code,
        second_factor_wait,
        second_factor,
        notification,
        notification_preference,
        notification_setting,
        push_subscription,
        calendar_feed,
        intradesk_open
    );
    // The child's absences stay the school's record; only who reported them is forgotten.
    absence::Entity::update_many()
        .col_expr(
            absence::Column::ReportedBy,
            Expr::value(Option::<i32>::None),
        )
        .filter(absence::Column::ReportedBy.eq(id))
        .exec(&txn)
        .await?;
    // A survey's answers stay the school's results; who gave them is forgotten.
    survey_response::Entity::update_many()
        .col_expr(
            survey_response::Column::AccountId,
            Expr::value(Option::<i32>::None),
        )
        .filter(survey_response::Column::AccountId.eq(id))
        .exec(&txn)
        .await?;
    parent_account::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(Erased {
        slots_freed,
        conversations_deleted,
    })
}
