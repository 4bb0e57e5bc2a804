//! `cartable course add`: enrolling a student in a course.
use super::output::Output;
use crate::server::courses;
use sea_orm::DatabaseConnection;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Enrol a student in a course (created on first use).
    Add {
        #[arg(long)]
        platform: String,
        /// The student's identifier, e.g. albert.durant@isu-dour.be.
        #[arg(long)]
        student: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        teacher: Option<String>,
    },
}

pub async fn run(db: &DatabaseConnection, out: Output, command: Command) -> anyhow::Result<()> {
    let Command::Add {
        platform,
        student,
        name,
        teacher,
    } = command;
    let course = courses::enrol(db, &platform, &student, &name, teacher.as_deref()).await?;
    out.report(
        serde_json::json!({ "id": course.id, "name": course.name, "teacher": course.teacher, "student": student }),
        format!(
            "{student} suit le cours {} ({})",
            course.name,
            course.teacher.as_deref().unwrap_or("sans titulaire")
        ),
    );
    Ok(())
}
