//! `understudy keys`: API keys of a project.

use understudy_store::Store;

use super::args::KeysCommand;

pub async fn run(store: &Store, command: KeysCommand) -> anyhow::Result<()> {
    match command {
        KeysCommand::Create { project, role } => {
            store.ensure_project(&project).await?;
            let key = store.create_key(&project, role.into()).await?;
            println!(
                "Created key {} for project {project}. Keep the secret; it is shown once:",
                key.id
            );
            println!("{}", key.secret);
        }
        KeysCommand::List { project } => {
            for key in store.list_keys(&project).await? {
                let state = if key.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{}\t{}\t{}\t{}",
                    key.id,
                    key.role.as_str(),
                    state,
                    key.created_at
                );
            }
        }
        KeysCommand::Revoke { key_id, project } => {
            if !store.revoke_key(&project, &key_id).await? {
                anyhow::bail!("project `{project}` has no active key `{key_id}`");
            }
            println!("Revoked key {key_id}.");
        }
    }
    Ok(())
}
