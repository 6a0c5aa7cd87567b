package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link HardeningIT} over TLS: slow and stalled peers, handshakes included, hold a session's thread differently. */
@ExtendWith(TestTransport.OverTls.class)
class HardeningOverTlsIT extends HardeningIT {}
