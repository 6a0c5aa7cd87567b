package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link FuzzIT} over TLS: garbage inside a good handshake, and at the TLS layer itself. */
@ExtendWith(TestTransport.OverTls.class)
class FuzzOverTlsIT extends FuzzIT {}
