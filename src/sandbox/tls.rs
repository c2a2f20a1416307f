//! The sandbox's own certificate authority and server certificate, made once with rcgen and kept
//! in a folder: `ca.pem` (what clients trust), `server.pem` and `server-key.pem`.

use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType,
};

/// File name of the CA certificate.
pub const CA_FILE: &str = "ca.pem";
/// File name of the server certificate.
pub const SERVER_CERT_FILE: &str = "server.pem";
/// File name of the server's private key.
pub const SERVER_KEY_FILE: &str = "server-key.pem";

/// Unix mode of the private key file: owner only.
const KEY_MODE: u32 = 0o600;
/// Unix mode of the certificate files: anyone may read them.
const PUBLIC_MODE: u32 = 0o644;

/// Why the certificates could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// rcgen failed.
    #[error("generating the certificates failed: {0}")]
    Generate(#[from] rcgen::Error),
    /// Reading or writing the files failed.
    #[error("writing the certificates to {path} failed: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
}

/// The PEM files of a certificate set.
#[derive(Debug, Clone)]
pub struct CertificateFiles {
    /// The CA certificate clients should trust.
    pub ca: PathBuf,
    /// The server certificate (signed by the CA).
    pub server_cert: PathBuf,
    /// The server's private key.
    pub server_key: PathBuf,
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> TlsError + '_ {
    move |source| TlsError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `contents` to `path` atomically: into a temporary file in the same folder, flushed to
/// disk, then renamed over `path`, so a kill at any moment leaves the old file or the new one,
/// never a partial one. On unix the file gets `mode` (0600 for a private key).
fn write_atomically(path: &Path, contents: &str, mode: u32) -> Result<(), TlsError> {
    use std::io::Write as _;
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(io_error(dir))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(io_error(temp.path()))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    temp.write_all(contents.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(io_error(temp.path()))?;
    temp.persist(path).map_err(|e| TlsError::Io {
        path: path.to_owned(),
        source: e.error,
    })?;
    Ok(())
}

/// Flushes the folder's entries (the renames) to disk; a no-op where folders cannot be opened.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Why an existing certificate set cannot be used, or `None` if it looks usable (every file
/// there and parsing as the PEM it should hold).
fn problem_with(files: &CertificateFiles) -> Option<String> {
    use rustls::pki_types::pem::PemObject as _;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let read = |path: &Path| {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let check = || -> Result<(), String> {
        for cert in [&files.ca, &files.server_cert] {
            let pem = read(cert)?;
            let parsed = CertificateDer::pem_slice_iter(&pem)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("{} is not a PEM certificate: {e}", cert.display()))?;
            if parsed.is_empty() {
                return Err(format!("{} holds no certificate", cert.display()));
            }
        }
        let pem = read(&files.server_key)?;
        PrivateKeyDer::from_pem_slice(&pem).map_err(|e| {
            format!(
                "{} is not a PEM private key: {e}",
                files.server_key.display()
            )
        })?;
        Ok(())
    };
    check().err()
}

/// The certificate file paths in `dir`.
fn files_in(dir: &Path) -> CertificateFiles {
    CertificateFiles {
        ca: dir.join(CA_FILE),
        server_cert: dir.join(SERVER_CERT_FILE),
        server_key: dir.join(SERVER_KEY_FILE),
    }
}

/// The certificates in `dir`, generated first if any file is missing; a set that exists but does
/// not parse is replaced (with a warning) rather than refused forever.
pub fn ensure_certificates(dir: &Path) -> Result<CertificateFiles, TlsError> {
    let files = files_in(dir);
    if files.ca.exists() || files.server_cert.exists() || files.server_key.exists() {
        match problem_with(&files) {
            None => return Ok(files),
            Some(problem) => {
                tracing::warn!("making new certificates in {}: {problem}", dir.display());
            }
        }
    }
    regenerate(dir)
}

/// Makes a new CA and server certificate in `dir`, replacing whatever is there. The CA file is
/// removed first and written last, each file atomically: a set with a CA file is complete and
/// from one generation, whenever the process is killed.
pub fn regenerate(dir: &Path) -> Result<CertificateFiles, TlsError> {
    let files = files_in(dir);
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    match std::fs::remove_file(&files.ca) {
        Ok(()) => sync_dir(dir),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(TlsError::Io {
                path: files.ca.clone(),
                source,
            });
        }
    }

    let ca_key = KeyPair::generate()?;
    let mut ca_params = CertificateParams::default();
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "ccr-sandbox local CA");
    ca_params
        .distinguished_name
        .push(DnType::OrganizationName, "ccr-desk");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca_params.self_signed(&ca_key)?;
    let issuer = Issuer::new(ca_params, ca_key);

    let server_key = KeyPair::generate()?;
    let mut server_params = CertificateParams::new(vec!["localhost".to_owned()])?;
    server_params
        .subject_alt_names
        .push(SanType::IpAddress(std::net::IpAddr::V4(
            std::net::Ipv4Addr::LOCALHOST,
        )));
    server_params
        .distinguished_name
        .push(DnType::CommonName, "localhost");
    server_params.use_authority_key_identifier_extension = true;
    server_params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    server_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let server_cert = server_params.signed_by(&server_key, &issuer)?;

    // Key first, CA last: a set is complete only when all three exist.
    write_atomically(&files.server_key, &server_key.serialize_pem(), KEY_MODE)?;
    write_atomically(&files.server_cert, &server_cert.pem(), PUBLIC_MODE)?;
    sync_dir(dir);
    write_atomically(&files.ca, &ca_cert.pem(), PUBLIC_MODE)?;
    sync_dir(dir);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificates_are_made_once() {
        let dir = tempfile::tempdir().unwrap();
        let files = ensure_certificates(dir.path()).unwrap();
        let ca = std::fs::read_to_string(&files.ca).unwrap();
        assert!(ca.starts_with("-----BEGIN CERTIFICATE-----"));
        let again = ensure_certificates(dir.path()).unwrap();
        assert_eq!(std::fs::read_to_string(again.ca).unwrap(), ca);
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [CA_FILE, SERVER_KEY_FILE, SERVER_CERT_FILE],
            "no temporary files are left behind"
        );
    }

    #[cfg(unix)]
    #[test]
    fn only_the_owner_reads_the_key() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let files = ensure_certificates(dir.path()).unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&files.server_key), 0o600);
        assert_eq!(mode(&files.ca), 0o644);
        assert_eq!(mode(&files.server_cert), 0o644);
    }

    #[test]
    fn broken_or_partial_sets_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let files = ensure_certificates(dir.path()).unwrap();
        let ca = std::fs::read_to_string(&files.ca).unwrap();

        std::fs::write(&files.ca, "-----BEGIN CERTIFICATE-----\nMIIB").unwrap();
        let again = ensure_certificates(dir.path()).unwrap();
        let new_ca = std::fs::read_to_string(&again.ca).unwrap();
        assert!(new_ca.starts_with("-----BEGIN CERTIFICATE-----"));
        assert_ne!(new_ca, ca, "a new CA was made");

        // killed after the key was written: no certificate, no CA
        std::fs::remove_file(&files.ca).unwrap();
        std::fs::remove_file(&files.server_cert).unwrap();
        let again = ensure_certificates(dir.path()).unwrap();
        assert!(again.ca.is_file() && again.server_cert.is_file());
        assert!(problem_with(&again).is_none());

        std::fs::write(&files.server_key, "not a key").unwrap();
        assert!(problem_with(&files).is_some());
        let again = ensure_certificates(dir.path()).unwrap();
        assert!(problem_with(&again).is_none());
    }
}
