package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link AccountAttackIT} over TLS: passwords may only go over TLS, and handshakes add to an attack's cost. */
@ExtendWith(TestTransport.OverTls.class)
class AccountAttackOverTlsIT extends AccountAttackIT {}
