use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: Option<i32>,
    /// The staff member who acted, for the school's journal.
    pub staff_id: Option<i32>,
    /// The platform a staff action touched.
    pub platform_id: Option<i32>,
    pub kind: Kind,
    /// What the event concerns: an identifier typed, a child, a device.
    pub detail: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub at: DateTimeUtc,
}

/// What happened; what the parent reads of it is `Kind::label` (`server::audit`). A kind, once
/// written to the log, is never removed: older rows must still read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Kind {
    #[sea_orm(string_value = "sign_in")]
    SignInSucceeded,
    #[sea_orm(string_value = "sign_in_failed")]
    SignInFailed,
    #[sea_orm(string_value = "sign_in_throttled")]
    SignInThrottled,
    #[sea_orm(string_value = "sign_in_code_sent")]
    SignInCodeSent,
    #[sea_orm(string_value = "sign_in_code_failed")]
    SignInCodeFailed,
    #[sea_orm(string_value = "email_change_requested")]
    EmailChangeRequested,
    #[sea_orm(string_value = "email_confirmed")]
    EmailConfirmed,
    #[sea_orm(string_value = "sign_out")]
    SignedOut,
    #[sea_orm(string_value = "password_changed")]
    PasswordChanged,
    #[sea_orm(string_value = "password_reset_requested")]
    PasswordResetRequested,
    #[sea_orm(string_value = "password_reset")]
    PasswordReset,
    #[sea_orm(string_value = "email_changed")]
    EmailChanged,
    #[sea_orm(string_value = "child_linked")]
    ChildLinked,
    #[sea_orm(string_value = "child_link_refused")]
    ChildLinkRefused,
    #[sea_orm(string_value = "session_removed")]
    SessionRemoved,
    #[sea_orm(string_value = "other_sessions_removed")]
    OtherSessionsRemoved,
    #[sea_orm(string_value = "terms_accepted")]
    TermsAccepted,
    #[sea_orm(string_value = "terms_refused")]
    TermsRefused,
    #[sea_orm(string_value = "staff_added")]
    StaffAdded,
    #[sea_orm(string_value = "staff_suspended")]
    StaffSuspended,
    #[sea_orm(string_value = "staff_restored")]
    StaffRestored,
    #[sea_orm(string_value = "staff_removed")]
    StaffRemoved,
    #[sea_orm(string_value = "staff_password_chosen")]
    StaffPasswordChosen,
    #[sea_orm(string_value = "second_factor_enabled")]
    SecondFactorEnabled,
    #[sea_orm(string_value = "second_factor_failed")]
    SecondFactorFailed,
    #[sea_orm(string_value = "recovery_code_used")]
    RecoveryCodeUsed,
    #[sea_orm(string_value = "student_added")]
    StudentAdded,
    #[sea_orm(string_value = "students_imported")]
    StudentsImported,
    #[sea_orm(string_value = "student_removed")]
    StudentRemoved,
    #[sea_orm(string_value = "letters_printed")]
    LettersPrinted,
    #[sea_orm(string_value = "letter_reset")]
    LetterReset,
    #[sea_orm(string_value = "news_published")]
    NewsPublished,
    #[sea_orm(string_value = "news_removed")]
    NewsRemoved,
    #[sea_orm(string_value = "event_added")]
    EventAdded,
    #[sea_orm(string_value = "event_removed")]
    EventRemoved,
    #[sea_orm(string_value = "second_factor_reset")]
    SecondFactorReset,
    /// A parent or staff member turned their own second factor off.
    #[sea_orm(string_value = "second_factor_disabled")]
    SecondFactorDisabled,
    #[sea_orm(string_value = "course_changed")]
    CourseChanged,
    #[sea_orm(string_value = "terms_published")]
    TermsPublished,
    #[sea_orm(string_value = "school_changed")]
    SchoolChanged,
    /// Staff wrote to families (the audience and the number of conversations, never the text).
    #[sea_orm(string_value = "message_sent")]
    MessageSent,
    /// A parent replaced their calendar address; the old one opens nothing any more.
    #[sea_orm(string_value = "calendar_feed_renewed")]
    CalendarFeedRenewed,
    /// Staff acknowledged a parent's report of an absence (the child and the days, not the reason).
    #[sea_orm(string_value = "absence_acknowledged")]
    AbsenceAcknowledged,
    /// Staff shared a document on the Intradesk (its title and audience).
    #[sea_orm(string_value = "document_shared")]
    DocumentShared,
    #[sea_orm(string_value = "document_removed")]
    DocumentRemoved,
    /// Staff added or removed an Intradesk folder.
    #[sea_orm(string_value = "folder_changed")]
    FolderChanged,
    /// Staff published a survey, reminded its parents, removed it.
    #[sea_orm(string_value = "survey_published")]
    SurveyPublished,
    #[sea_orm(string_value = "survey_reminded")]
    SurveyReminded,
    #[sea_orm(string_value = "survey_removed")]
    SurveyRemoved,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
