package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link LimitsIT} over TLS: line and rate limits must hold where lines are cut across TLS records. */
@ExtendWith(TestTransport.OverTls.class)
class LimitsOverTlsIT extends LimitsIT {}
