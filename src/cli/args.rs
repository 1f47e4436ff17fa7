//! The command line, as clap reads it.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use understudy_store::Role;

/// Writes persona packages for testing conversational AI agents.
#[derive(Debug, Parser)]
#[command(name = "understudy", version, about)]
pub struct Cli {
    /// Where the embedded SQLite store keeps its files.
    #[arg(
        long,
        global = true,
        env = "UNDERSTUDY_DATA_DIR",
        default_value = "./understudy-data"
    )]
    pub data_dir: PathBuf,

    /// A PostgreSQL URL (`postgres://...`) for a store that several instances
    /// share; without it the store is SQLite in the data directory.
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// Most packages one request may ask for.
    #[arg(
        long,
        global = true,
        env = "UNDERSTUDY_MAX_PACKAGES",
        default_value_t = 100
    )]
    pub max_packages: u64,

    /// Most packages one request answered by a background job may ask for.
    #[arg(
        long,
        global = true,
        env = "UNDERSTUDY_MAX_ASYNC_PACKAGES",
        default_value_t = 10_000
    )]
    pub max_async_packages: u64,

    /// Most success criteria one package may carry.
    #[arg(
        long,
        global = true,
        env = "UNDERSTUDY_MAX_CRITERIA",
        default_value_t = 10
    )]
    pub max_criteria: u64,

    /// Largest request body, in bytes.
    #[arg(long, global = true, env = "UNDERSTUDY_MAX_BODY_BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_body_bytes: usize,

    /// Log lines as JSON instead of readable text.
    #[arg(long, global = true, env = "UNDERSTUDY_LOG_JSON")]
    pub log_json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the HTTP API.
    Serve(ServeArgs),
    /// Import the example flows, create a key, print a ready request, serve.
    Demo(DemoArgs),
    /// Import, list, show and delete flows.
    #[command(subcommand)]
    Flows(FlowsCommand),
    /// Create, list and revoke API keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Write persona packages for a flow file, without a server.
    Generate(GenerateArgs),
    /// List the mission types and persona types a flow file offers.
    Options(super::options::OptionsArgs),
    /// Run job workers without serving HTTP, until Ctrl-C or SIGTERM.
    Worker(super::worker::WorkerArgs),
    /// Measure the quality of generated packages, or of a saved response.
    Report(super::report::ReportArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "UNDERSTUDY_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Seconds a request may take before it is answered with a 504: by
    /// default 30, or the LLM deadline plus 30 when a provider is configured.
    #[arg(long, env = "UNDERSTUDY_REQUEST_TIMEOUT_SECS")]
    pub request_timeout_secs: Option<u64>,
    #[command(flatten)]
    pub jwt: JwtArgs,
    #[command(flatten)]
    pub jobs: super::worker::JobArgs,
    #[command(flatten)]
    pub llm: LlmArgs,
}

/// The LLM provider that writes the text; the offline writer without one.
/// Everything else (key, timeouts, retries, concurrency, temperature,
/// output mode, extra allowed models) comes from `UNDERSTUDY_LLM_*`.
#[derive(Debug, Clone, Default, Args)]
pub struct LlmArgs {
    /// `offline` (default), `openai` (and compatible servers), `azure` or `anthropic`.
    #[arg(long, env = "UNDERSTUDY_LLM_PROVIDER")]
    pub provider: Option<String>,
    /// The model (for Azure: the deployment).
    #[arg(long, env = "UNDERSTUDY_LLM_MODEL")]
    pub model: Option<String>,
    /// The provider's base URL, for compatible servers (Ollama, vLLM, ...).
    #[arg(long, env = "UNDERSTUDY_LLM_BASE_URL")]
    pub base_url: Option<String>,
}

impl LlmArgs {
    /// Looks a setting up: these flags first, then the environment.
    pub fn lookup(&self, name: &str) -> Option<String> {
        use understudy_llm::config::env;

        let flag = match name {
            env::PROVIDER => self.provider.clone(),
            env::MODEL => self.model.clone(),
            env::BASE_URL => self.base_url.clone(),
            _ => None,
        };
        flag.or_else(|| std::env::var(name).ok())
    }
}

/// Bearer tokens: which keys verify them and what they must say.
#[derive(Debug, Args)]
pub struct JwtArgs {
    /// Shared secret (32 bytes or more) for HS256 tokens.
    #[arg(long, env = "UNDERSTUDY_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// PEM public key (RSA or P-256) for RS256 or ES256 tokens.
    #[arg(long, env = "UNDERSTUDY_JWT_PUBLIC_KEY")]
    pub jwt_public_key: Option<PathBuf>,
    /// Local JWKS file with RSA or P-256 keys.
    #[arg(long, env = "UNDERSTUDY_JWT_JWKS")]
    pub jwt_jwks: Option<PathBuf>,
    /// Required `iss` claim.
    #[arg(long, env = "UNDERSTUDY_JWT_ISSUER")]
    pub jwt_issuer: Option<String>,
    /// Required `aud` claim.
    #[arg(long, env = "UNDERSTUDY_JWT_AUDIENCE")]
    pub jwt_audience: Option<String>,
    /// Seconds of clock skew allowed on `exp` and `nbf`.
    #[arg(long, env = "UNDERSTUDY_JWT_LEEWAY_SECS", default_value_t = 30)]
    pub jwt_leeway_secs: u64,
}

impl From<JwtArgs> for crate::jwt::JwtConfig {
    fn from(args: JwtArgs) -> Self {
        crate::jwt::JwtConfig {
            hs256_secret: args.jwt_secret,
            public_key: args.jwt_public_key,
            jwks: args.jwt_jwks,
            issuer: args.jwt_issuer,
            audience: args.jwt_audience,
            leeway_secs: args.jwt_leeway_secs,
        }
    }
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Address to listen on.
    #[arg(long, env = "UNDERSTUDY_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// The project the example flows go into.
    #[arg(long, default_value = "demo")]
    pub project: String,
    /// Folder holding `flows/`, `exports/`, `mission-types/`, `persona-types/`.
    #[arg(long)]
    pub examples: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum FlowsCommand {
    /// Import every flow of a JSON document, a zipped export or an export folder.
    Import {
        path: PathBuf,
        #[arg(long)]
        project: String,
    },
    /// List the flows of a project.
    List {
        #[arg(long)]
        project: String,
    },
    /// Show what discovery finds in a flow, as a tree.
    Show {
        /// The flow's `referenceId` or `_id`.
        reference: String,
        #[arg(long)]
        project: String,
    },
    /// Remove a flow.
    Delete {
        reference: String,
        #[arg(long)]
        project: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create a key; the secret is printed once, on the last line.
    Create {
        #[arg(long)]
        project: String,
        #[arg(long, value_enum, default_value_t = RoleArg::Editor)]
        role: RoleArg,
    },
    /// List a project's keys, without their secrets.
    List {
        #[arg(long)]
        project: String,
    },
    /// Revoke a key by its id.
    Revoke {
        key_id: String,
        #[arg(long)]
        project: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Viewer,
    Editor,
    Admin,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Viewer => Role::Viewer,
            RoleArg::Editor => Role::Editor,
            RoleArg::Admin => Role::Admin,
        }
    }
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(flatten)]
    pub llm: LlmArgs,
    /// A flow document, zipped export or export folder.
    #[arg(long)]
    pub flow: PathBuf,
    /// Which flow of the file, by `referenceId` or `_id`, when it holds several.
    #[arg(long)]
    pub flow_id: Option<String>,
    /// A JSON file holding the mission type (`name`, `description`, `successCriteria`).
    #[arg(long)]
    pub mission_type: PathBuf,
    /// A JSON file holding the persona type (`name`, `description`).
    #[arg(long)]
    pub persona_type: PathBuf,
    /// How many packages to write.
    #[arg(short = 'n', long, default_value_t = 5)]
    pub packages: u64,
    /// How many success criteria each package carries.
    #[arg(short = 'c', long, default_value_t = 3)]
    pub criteria: u64,
    /// Narrow to one AI Agent job, by node `_id` or `referenceId`.
    #[arg(long)]
    pub job: Option<String>,
    /// Reproduce an earlier answer.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Language of the text: `en` or `de`.
    #[arg(long, default_value = "en")]
    pub language: String,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The response body, pretty-printed.
    Json,
    /// The response body as YAML.
    Yaml,
    /// One package per line, then a line with the metadata.
    Jsonl,
}
