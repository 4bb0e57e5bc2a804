//! The first sign-in is a journey of fixed steps — terms of use, own password, profile — which no
//! page lets a parent skip. Every page and every server function asks [`next_step`] where the
//! parent stands.
use super::routes;
use serde::{Deserialize, Serialize};

/// Where the parent stands with the current terms of use of the selected child's school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermsStanding {
    /// The school has published no terms yet.
    NoneToAccept,
    Accepted,
    /// "Ignorer" was chosen in this session: asked again at the next sign-in.
    PostponedForThisSession,
    Pending,
}

/// What the journey needs to know about one signed-in parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JourneyFacts {
    pub terms: TermsStanding,
    /// False while the parent still signs in with the letter's temporary password.
    pub has_own_password: bool,
    /// False for a child linked from "Ajouter des enfants" until the parent re-enters their
    /// password for it (a letter used to sign in confirms its child at once).
    pub link_confirmed: bool,
    pub profile_complete: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum JourneyStep {
    Terms,
    Password,
    /// "Recopiez le mot de passe utilisé pour votre 1er enfant": closes the link of a new child.
    ConfirmLink,
    Profile,
    Done,
}

impl JourneyStep {
    /// The page that handles this step.
    pub fn path(self) -> &'static str {
        match self {
            Self::Terms => routes::TERMS,
            Self::Password => routes::PASSWORD,
            Self::ConfirmLink => routes::CONFIRM_LINK,
            Self::Profile => routes::PROFILE,
            Self::Done => routes::HOME,
        }
    }

    /// The step a page belongs to, for the pages of the journey.
    pub fn of_path(path: &str) -> Option<Self> {
        [
            Self::Terms,
            Self::Password,
            Self::ConfirmLink,
            Self::Profile,
            Self::Done,
        ]
        .into_iter()
        .find(|step| step.path() == path)
    }
}

pub fn next_step(facts: JourneyFacts) -> JourneyStep {
    if facts.terms == TermsStanding::Pending {
        JourneyStep::Terms
    } else if !facts.has_own_password {
        JourneyStep::Password
    } else if !facts.link_confirmed {
        JourneyStep::ConfirmLink
    } else if !facts.profile_complete {
        JourneyStep::Profile
    } else {
        JourneyStep::Done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DONE: JourneyFacts = JourneyFacts {
        terms: TermsStanding::Accepted,
        has_own_password: true,
        link_confirmed: true,
        profile_complete: true,
    };

    #[test]
    fn a_first_sign_in_walks_terms_then_password_then_profile() {
        let first = JourneyFacts {
            terms: TermsStanding::Pending,
            has_own_password: false,
            link_confirmed: true,
            profile_complete: false,
        };
        assert_eq!(next_step(first), JourneyStep::Terms);
        let accepted = JourneyFacts {
            terms: TermsStanding::Accepted,
            ..first
        };
        assert_eq!(next_step(accepted), JourneyStep::Password);
        assert_eq!(
            next_step(JourneyFacts {
                has_own_password: true,
                ..accepted
            }),
            JourneyStep::Profile
        );
        assert_eq!(next_step(DONE), JourneyStep::Done);
    }

    #[test]
    fn a_postponement_lets_the_parent_through_for_this_session() {
        let postponed = JourneyFacts {
            terms: TermsStanding::PostponedForThisSession,
            ..DONE
        };
        assert_eq!(next_step(postponed), JourneyStep::Done);
        assert_eq!(
            next_step(JourneyFacts {
                terms: TermsStanding::NoneToAccept,
                ..DONE
            }),
            JourneyStep::Done
        );
    }

    #[test]
    fn new_terms_bring_a_settled_parent_back_to_the_terms() {
        assert_eq!(
            next_step(JourneyFacts {
                terms: TermsStanding::Pending,
                ..DONE
            }),
            JourneyStep::Terms
        );
    }

    #[test]
    fn a_newly_linked_child_asks_for_its_terms_then_the_password_again() {
        let linked = JourneyFacts {
            terms: TermsStanding::Pending,
            link_confirmed: false,
            ..DONE
        };
        assert_eq!(next_step(linked), JourneyStep::Terms);
        let accepted = JourneyFacts {
            terms: TermsStanding::Accepted,
            ..linked
        };
        assert_eq!(next_step(accepted), JourneyStep::ConfirmLink);
    }

    #[test]
    fn every_step_has_its_own_page() {
        for step in [
            JourneyStep::Terms,
            JourneyStep::Password,
            JourneyStep::ConfirmLink,
            JourneyStep::Profile,
            JourneyStep::Done,
        ] {
            assert_eq!(JourneyStep::of_path(step.path()), Some(step));
        }
    }
}
