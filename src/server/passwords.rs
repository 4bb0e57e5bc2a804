//! Argon2id hashing with OWASP's parameters (19 MiB, 2 passes, 1 lane), run on their own
//! lower-priority threads ([`hashers`]) so that a burst of sign-ins never stalls the threads that
//! render pages. A semaphore lets at most one hash per core run at a time: a flood of sign-ins
//! queues for them instead of taking all the memory. A verification gives up when the queue is too
//! long ([`LONGEST_WAIT`]), so that one client's flood never holds every parent's sign-in for minutes.
use super::{
    error::{ServiceError, ServiceResult},
    hashers,
};
use crate::domain::limits::PARENT_SLOTS;
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::sync::{
    LazyLock,
    atomic::{AtomicU64, Ordering},
};
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long a verification waits for a hashing permit before answering "busy", unless changed by
/// [`set_longest_wait`].
pub const LONGEST_WAIT: Duration = Duration::from_secs(2);
static LONGEST_WAIT_MS: AtomicU64 = AtomicU64::new(LONGEST_WAIT.as_millis() as u64);

/// Changes how long a verification waits for its turn (the permits are the process's, so is this):
/// the test of the busy answer shortens it to make a small flood enough.
pub fn set_longest_wait(wait: Duration) {
    LONGEST_WAIT_MS.store(wait.as_millis() as u64, Ordering::Relaxed);
}
/// When a parent turned away as busy is told to try again.
pub const BUSY_RETRY_SECONDS: u64 = 5;

static PERMITS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(hashers::cores()));

static VERIFICATIONS: AtomicU64 = AtomicU64::new(0);

/// How many verifications this process ran: the timing test counts them.
pub fn verifications() -> u64 {
    VERIFICATIONS.load(Ordering::Relaxed)
}

/// Runs one Argon2 computation when a permit is free.
async fn bounded<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let permit = waiting_for_a_core(PERMITS.acquire()).await;
    run(permit, work).await
}

/// Waits for a permit, counted meanwhile in the `cartable_argon2_waiting` gauge.
async fn waiting_for_a_core<T>(wait: impl Future<Output = T>) -> T {
    let waiting = metrics::gauge!("cartable_argon2_waiting");
    waiting.increment(1.0);
    let got = wait.await;
    waiting.decrement(1.0);
    got
}

/// Runs `work` on a hashing thread (below the pages' priority), holding the permit until it is
/// done.
fn run<T: Send + 'static>(
    permit: Result<tokio::sync::SemaphorePermit<'static>, tokio::sync::AcquireError>,
    work: impl FnOnce() -> T + Send + 'static,
) -> impl Future<Output = T> {
    let permit = permit.expect("the semaphore is never closed");
    async move {
        let _permit = permit;
        hashers::run(work).await
    }
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of nothing anyone knows, verified when there is no real hash to check, so that an
/// unknown identifier costs the same time as a known one.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_now("cartable dummy password, never valid"));

fn hash_now(password: &str) -> String {
    argon2()
        .hash_password(password.as_bytes())
        .expect("Argon2 hashing cannot fail with valid parameters")
        .to_string()
}

pub async fn hash(password: String) -> String {
    bounded(move || hash_now(&password)).await
}

/// Whether `password` matches `phc` (an Argon2 PHC string). `None` verifies against a dummy hash
/// and answers false, taking the same time. Busy when no permit frees up within the longest wait.
pub async fn verify(password: String, phc: Option<String>) -> ServiceResult<bool> {
    let longest_wait = Duration::from_millis(LONGEST_WAIT_MS.load(Ordering::Relaxed));
    let Ok(permit) =
        waiting_for_a_core(tokio::time::timeout(longest_wait, PERMITS.acquire())).await
    else {
        return Err(ServiceError::Busy {
            retry_after_seconds: BUSY_RETRY_SECONDS,
        });
    };
    VERIFICATIONS.fetch_add(1, Ordering::Relaxed);
    Ok(run(permit, move || {
        let known = phc.is_some();
        let phc = phc.unwrap_or_else(|| DUMMY_HASH.clone());
        let matches = argon2()
            .verify_password(password.as_bytes(), phc.as_str())
            .is_ok();
        known && matches
    })
    .await)
}

/// The indexes of every `(password, hash)` pair that matches, taking the time of [`matches`]:
/// a child's slots are checked each with its own form of what was typed (a letter's printed form,
/// or the account's password as typed).
pub async fn matches_each(pairs: Vec<(String, Option<String>)>) -> ServiceResult<Vec<usize>> {
    let mut matched = Vec::new();
    for (index, (password, hash)) in pairs.iter().enumerate() {
        if verify(password.clone(), hash.clone()).await? {
            matched.push(index);
        }
    }
    let padding = pairs.first().map(|(p, _)| p.clone()).unwrap_or_default();
    for _ in pairs.len()..PARENT_SLOTS {
        verify(padding.clone(), None).await?;
    }
    Ok(matched)
}

/// The indexes of every one of `hashes` (a child's slots, or the accounts of an address) that
/// `password` opens. Every hash is verified, then dummy ones up to [`PARENT_SLOTS`], so the time
/// taken says nothing about which hash matched, how many there are, or whether the login exists.
pub async fn matches(password: &str, hashes: Vec<Option<String>>) -> ServiceResult<Vec<usize>> {
    let mut matched = Vec::new();
    for (index, hash) in hashes.iter().enumerate() {
        if verify(password.to_owned(), hash.clone()).await? {
            matched.push(index);
        }
    }
    for _ in hashes.len()..PARENT_SLOTS {
        verify(password.to_owned(), None).await?;
    }
    Ok(matched)
}

/// The index of the first of `hashes` that `password` opens, taking the time of [`matches`].
pub async fn first_match(
    password: &str,
    hashes: Vec<Option<String>>,
) -> ServiceResult<Option<usize>> {
    Ok(matches(password, hashes).await?.first().copied())
}

/// The characters of a letter's password: lower case and digits without look-alikes (no i, l, o,
/// 0 nor 1), so that nobody wonders which one the paper shows.
const LETTER_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Four groups of four: 16 characters of 31, about 79 bits of randomness (the ungrouped letters
/// printed before had 69.7).
const LETTER_GROUPS: usize = 4;
const LETTER_GROUP: usize = 4;

/// A temporary password for a parent's letter, grouped for reading: `kfmq-7tzr-wh4p-n3xa`.
pub fn generate_temporary() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    let groups: Vec<String> = (0..LETTER_GROUPS)
        .map(|_| {
            (0..LETTER_GROUP)
                .map(|_| LETTER_ALPHABET[rng.random_range(0..LETTER_ALPHABET.len())] as char)
                .collect()
        })
        .collect();
    groups.join("-")
}

/// A letter's password as it was printed, from what a parent typed: without the dashes, with
/// spaces, in capitals. `None` when what was typed cannot be one (it is then checked as typed).
pub fn as_printed(typed: &str) -> Option<String> {
    let plain: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let fits = plain.len() == LETTER_GROUPS * LETTER_GROUP
        && plain.bytes().all(|b| LETTER_ALPHABET.contains(&b));
    fits.then(|| {
        let groups: Vec<&str> = (0..LETTER_GROUPS)
            .map(|g| &plain[g * LETTER_GROUP..(g + 1) * LETTER_GROUP])
            .collect();
        groups.join("-")
    })
}

/// What to check against a letter's hash: the printed form of what was typed, or what was typed.
pub fn letter_candidate(typed: &str) -> String {
    as_printed(typed).unwrap_or_else(|| typed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let phc = hash("Tulipe7!".into()).await;
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("Tulipe7!".into(), Some(phc.clone())).await.unwrap());
        assert!(!verify("tulipe7!".into(), Some(phc)).await.unwrap());
        let dummy = verify("cartable dummy password, never valid".into(), None).await;
        assert!(!dummy.unwrap());
    }

    #[test]
    fn temporary_passwords_are_grouped_strong_and_unambiguous() {
        let password = generate_temporary();
        assert_eq!(password.len(), 19);
        assert_eq!(
            password.split('-').map(str::len).collect::<Vec<_>>(),
            [4; 4]
        );
        assert!(!password.contains(['0', 'O', 'o', '1', 'l', 'I', 'i']));
        assert_ne!(password, generate_temporary());
        // At least as strong as the 12 characters of 56 printed before (69.7 bits).
        let bits = (LETTER_ALPHABET.len() as f64).log2() * (LETTER_GROUPS * LETTER_GROUP) as f64;
        assert!(bits > 79.0, "{bits}");
    }

    #[test]
    fn a_letter_typed_loosely_is_read_as_printed() {
        let printed = "kfmq-7tzr-wh4p-n3xa";
        for typed in [
            printed,
            "KFMQ7TZRWH4PN3XA",
            "kfmq 7tzr wh4p n3xa",
            " kfmq-7tzr-wh4pn3xa ",
        ] {
            assert_eq!(as_printed(typed).as_deref(), Some(printed), "{typed}");
        }
        // An older letter, or a parent's own password, is checked as typed.
        assert_eq!(as_printed("Lettre-Albert-1"), None);
        assert_eq!(letter_candidate("le chat dort"), "le chat dort");
    }
}
