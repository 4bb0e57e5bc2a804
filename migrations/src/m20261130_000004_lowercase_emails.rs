//! Parents' addresses are kept in lower case, as they are looked up ("Mot de passe oublié ?");
//! addresses saved with capitals before that rule are lowered once.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Email,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let lowered = Func::lower(Expr::col(ParentAccounts::Email));
        let update = Query::update()
            .table(ParentAccounts::Table)
            .value(ParentAccounts::Email, lowered)
            .and_where(Expr::col(ParentAccounts::Email).is_not_null())
            .to_owned();
        m.exec_stmt(update).await
    }

    /// Nothing to undo: the lowered addresses are still the parents' addresses.
    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
