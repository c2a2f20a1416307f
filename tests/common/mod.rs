//! Helpers shared by the integration tests: an in-process sandbox on a free loopback port and
//! clients for it.
#![allow(dead_code)]

pub mod raw_http;

use ccr_desk::api::{CcrClient, ConnectionConfig};
use ccr_desk::sandbox::{self, RunningSandbox, SandboxConfig};
use secrecy::SecretString;

/// A fresh, ephemeral sandbox on 127.0.0.1 with its demo data.
pub async fn sandbox() -> RunningSandbox {
    sandbox::start(SandboxConfig::ephemeral_loopback())
        .await
        .expect("the sandbox starts")
}

/// The connection settings for `user` / `password` on `sandbox`.
pub fn config_for(sandbox: &RunningSandbox, user: &str, password: &str) -> ConnectionConfig {
    let endpoint = ccr_desk::api::config::parse_endpoint(sandbox.base_url()).expect("endpoint");
    ConnectionConfig::new(endpoint, user, SecretString::from(password.to_owned()))
}

/// A client logged in as `user`.
pub fn client_as(sandbox: &RunningSandbox, user: &str, password: &str) -> CcrClient {
    CcrClient::new(&config_for(sandbox, user, password)).expect("client")
}

/// A client logged in as the sandbox's administrator.
pub fn admin(sandbox: &RunningSandbox) -> CcrClient {
    client_as(
        sandbox,
        sandbox::ADMIN_USER,
        sandbox::DEFAULT_ADMIN_PASSWORD,
    )
}

/// A gzip tar chart archive `{name}/Chart.yaml`, `values.yaml`, `templates/…`, plus `filler_bytes`
/// of incompressible data so that downloads take many chunks.
pub fn chart_archive(name: &str, version: &str, filler_bytes: usize) -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    let mut add = |path: String, data: &[u8]| {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(1_700_000_000);
        header.set_cksum();
        tar.append_data(&mut header, path, data).expect("tar entry");
    };
    let chart_yaml = format!(
        "apiVersion: v2\nname: {name}\nversion: {version}\nappVersion: \"1.0\"\ndescription: A chart made by a test\ntype: application\n"
    );
    add(format!("{name}/Chart.yaml"), chart_yaml.as_bytes());
    add(format!("{name}/values.yaml"), b"replicaCount: 1\n");
    add(
        format!("{name}/templates/configmap.yaml"),
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
    );
    if filler_bytes > 0 {
        // xorshift: incompressible and reproducible without a random crate
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let filler: Vec<u8> = (0..filler_bytes)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        add(format!("{name}/files/blob.bin"), &filler);
    }
    let tar_bytes = tar.into_inner().expect("tar");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &tar_bytes).expect("gzip");
    gz.finish().expect("gzip")
}

/// The `Chart.yaml` text inside a gzip tar chart archive, if any.
pub fn chart_yaml_of(archive: &[u8]) -> Option<String> {
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(archive));
    for entry in tar.entries().ok()? {
        let mut entry = entry.ok()?;
        let path = entry.path().ok()?.to_string_lossy().into_owned();
        if path.ends_with("/Chart.yaml") && path.matches('/').count() == 1 {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut entry, &mut text).ok()?;
            return Some(text);
        }
    }
    None
}

/// Files in `folder`, sorted.
pub fn files_in(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
