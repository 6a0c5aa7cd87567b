package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ChatServerIT} over TLS: the chat's reads and writes, partial lines and closes go through TLS records. */
@ExtendWith(TestTransport.OverTls.class)
class ChatServerOverTlsIT extends ChatServerIT {}
