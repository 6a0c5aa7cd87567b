package chat.server.tls;

import chat.common.files.AtomicFile;
import chat.common.files.PrivateDirectory;
import chat.common.protocol.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's certificate chain and private key, and the TLS 1.3 context made from them.
 *
 * <p>Either the operator's PEM files ({@code --tls-cert}, {@code --tls-key}, as certbot writes them), or,
 * without them, a self-signed certificate the server makes on its first start and keeps in its data
 * directory ({@code tls/cert.pem}, {@code tls/key.pem}, readable by the owner only), so that clients that
 * trust it on first use see the same one at every start. Its SHA-256 fingerprint is what they compare.
 */
public final class ServerCertificate {
    /** A self-signed certificate lasts this long; a new one means every client is asked again. */
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(3650);

    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private ServerCertificate(List<X509Certificate> chain, PrivateKey key) {
        this.chain = chain;
        this.key = key;
    }

    /** The operator's certificate chain and key, from PEM files. */
    public static ServerCertificate fromPem(Path certFile, Path keyFile) throws IOException {
        for (Path file : List.of(certFile, keyFile)) {
            if (!Files.isReadable(file)) {
                throw new IOException("cannot read " + file + (Files.exists(file) ? ": permission denied" : ": no such file"));
            }
        }
        List<X509Certificate> chain = readChain(certFile);
        if (chain.isEmpty()) {
            throw new IOException(certFile + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
        }
        return new ServerCertificate(chain, readKey(keyFile));
    }

    /** The first key and its chain in a PKCS #12 keystore ({@code openssl pkcs12 -export}, Java's keytool). */
    public static ServerCertificate fromPkcs12(Path file, char[] password) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file + (Files.exists(file) ? ": permission denied" : ": no such file"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return new ServerCertificate(chain, (PrivateKey) store.getKey(alias, password));
                }
            }
            throw new IOException(file + " holds no private key");
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a keystore I can read (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IOException(file + ": wrong keystore password", e);
            }
            throw e;
        }
    }

    /**
     * The self-signed certificate kept in {@code dataDir/tls}, made there first if there is none.
     *
     * @param hostName the name clients connect to, put into the certificate (they check the fingerprint)
     */
    public static ServerCertificate selfSigned(Path dataDir, String hostName) throws IOException {
        Path dir = dataDir.resolve("tls");
        Path certFile = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        if (!Files.exists(certFile) || !Files.exists(keyFile)) {
            make(dir, certFile, keyFile, hostName);
        }
        return fromPem(certFile, keyFile);
    }

    /** The SSH-style fingerprint of the certificate: {@code SHA256:} and the base64 of its DER digest. */
    public String fingerprint() {
        return Fingerprint.of(chain.get(0));
    }

    /** The server's own certificate (the first of the chain). */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Who the certificate says it is, for the log. */
    public String subject() {
        return chain.get(0).getSubjectX500Principal().getName();
    }

    /** A TLS 1.3 server context with this certificate. */
    public SSLContext sslContext() throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("chat", key, none, chain.toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, none);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot use the certificate for TLS: " + e.getMessage(), e);
        }
    }

    private static void make(Path dir, Path certFile, Path keyFile, String hostName) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + hostName);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(SELF_SIGNED_VALIDITY)), subject, pair.getPublic());
            // this machine's name and loopback too, so "openssl s_client -verify_hostname localhost" checks out
            GeneralName[] names = {altName(hostName), new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")};
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            PrivateDirectory.create(dir);
            AtomicFile.write(keyFile, pkcs8(pair.getPrivate())); // the temporary file is owner-only from the start
            AtomicFile.write(certFile, pem(certificate));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("Cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralName altName(String hostName) {
        boolean address = hostName.contains(":") || hostName.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        return new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, hostName);
    }

    /** {@code BEGIN PRIVATE KEY}, PKCS #8, as openssl and certbot write keys. */
    private static byte[] pkcs8(PrivateKey key) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static List<X509Certificate> readChain(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a certificate I can read: " + e.getMessage(), e);
        }
        return chain;
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo()); // "BEGIN EC/RSA PRIVATE KEY"
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info); // "BEGIN PRIVATE KEY", as certbot writes it
                }
            }
        }
        throw new IOException(file + " holds no private key in PEM (an encrypted key cannot be used)");
    }

    /** The address-or-name a self-signed certificate names when the server listens on every address. */
    public static String defaultHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
