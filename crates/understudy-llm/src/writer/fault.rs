//! What a failed provider call means for a batch: worth asking again (the
//! provider answered, but with nothing to read), or the end of the write,
//! typed so the caller can answer 503, 502 or 504.

use understudy_persona::WriteError;

use crate::error::ProviderError;

/// What to do about one failed call.
#[derive(Debug)]
pub(crate) enum Fault {
    /// Ask again, telling the model this.
    Again(String),
    /// Stop the write.
    Fail(WriteError),
}

/// The provider has already retried what retrying can fix (rate limits,
/// server errors, broken connections), so those end the write; a reply
/// with no choices or an unreadable body is asked for again.
pub(crate) fn classify(error: ProviderError) -> Fault {
    match error {
        ProviderError::NoChoices => Fault::Again("the response held no choices".to_owned()),
        ProviderError::InvalidResponse(detail) => {
            Fault::Again(format!("the response could not be read: {detail}"))
        }
        ProviderError::Deadline { .. } => Fault::Fail(WriteError::Deadline(error.to_string())),
        ProviderError::Unreachable { .. }
        | ProviderError::RateLimited { .. }
        | ProviderError::ServerError { .. }
        | ProviderError::Rejected { .. } => Fault::Fail(WriteError::Unavailable(error.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Rejection;

    #[test]
    fn a_rejected_request_is_unavailable_with_the_providers_hint() {
        let error = ProviderError::Rejected {
            status: 401,
            reason: Rejection::BadKey,
            message: "Incorrect API key provided".to_owned(),
        };

        let Fault::Fail(WriteError::Unavailable(message)) = classify(error) else {
            panic!("a rejection ends the write as unavailable");
        };
        assert!(
            message.contains("check UNDERSTUDY_LLM_API_KEY"),
            "{message}"
        );
        assert!(message.contains("Incorrect API key provided"), "{message}");
    }

    #[test]
    fn a_response_without_choices_is_asked_for_again() {
        let Fault::Again(reason) = classify(ProviderError::NoChoices) else {
            panic!("no choices is worth another call");
        };
        assert_eq!(reason, "the response held no choices");
    }
}
