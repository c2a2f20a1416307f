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

fn write(path: &Path, contents: &str) -> Result<(), TlsError> {
    std::fs::write(path, contents).map_err(|source| TlsError::Io {
        path: path.to_owned(),
        source,
    })
}

/// The certificates in `dir`, generated first if any file is missing.
pub fn ensure_certificates(dir: &Path) -> Result<CertificateFiles, TlsError> {
    let files = CertificateFiles {
        ca: dir.join(CA_FILE),
        server_cert: dir.join(SERVER_CERT_FILE),
        server_key: dir.join(SERVER_KEY_FILE),
    };
    if files.ca.is_file() && files.server_cert.is_file() && files.server_key.is_file() {
        return Ok(files);
    }
    std::fs::create_dir_all(dir).map_err(|source| TlsError::Io {
        path: dir.to_owned(),
        source,
    })?;

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
    write(&files.server_key, &server_key.serialize_pem())?;
    write(&files.server_cert, &server_cert.pem())?;
    write(&files.ca, &ca_cert.pem())?;
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
    }
}
