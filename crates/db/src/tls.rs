//! rustls client configuration for PostgreSQL (`sslaccept`, `sslcert`).

use std::fs::File;
use std::io::BufReader;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{ring, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::conninfo::{SslAccept, TlsParams};
use crate::error::DbError;

fn tls_error(message: impl Into<String>) -> DbError {
    DbError::Tls { message: message.into() }
}

/// Builds the client configuration. `accept_invalid_certs` (Prisma's default) checks signatures
/// but not the chain or host name.
pub(crate) fn client_config(params: &TlsParams) -> Result<ClientConfig, DbError> {
    reject_identity(params)?;
    let provider = Arc::new(ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_error(e.to_string()))?;
    let config = match params.accept {
        SslAccept::AcceptInvalidCerts => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AcceptAnyCert { algorithms: provider.signature_verification_algorithms }))
            .with_no_client_auth(),
        SslAccept::Strict => builder.with_root_certificates(root_store(params)?).with_no_client_auth(),
    };
    Ok(config)
}

fn root_store(params: &TlsParams) -> Result<RootCertStore, DbError> {
    let mut roots = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    let Some(path) = &params.root_cert else { return Ok(roots) };
    let file = File::open(path)
        .map_err(|e| tls_error(format!("could not read the certificate file {}: {e}", path.display())))?;
    for cert in rustls_pemfile::certs(&mut BufReader::new(file)) {
        let cert = cert.map_err(|e| tls_error(format!("invalid certificate in {}: {e}", path.display())))?;
        roots.add(cert).map_err(|e| tls_error(format!("invalid certificate in {}: {e}", path.display())))?;
    }
    Ok(roots)
}

#[derive(Debug)]
struct AcceptAnyCert {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for AcceptAnyCert {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}


/// Prisma's `sslidentity` is a PKCS#12 bundle, which rustls cannot read: say so instead of
/// connecting without the client certificate the server expects.
pub(crate) fn reject_identity(params: &TlsParams) -> Result<(), DbError> {
    match &params.identity {
        Some(path) => Err(tls_error(format!(
            "client certificates (`sslidentity={}`) are not supported; connect without a client certificate or through a TLS proxy",
            path.display()
        ))),
        None => Ok(()),
    }
}
