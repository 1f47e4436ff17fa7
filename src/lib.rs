//! Understudy: persona packages for testing conversational AI agents.
