package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** {@link ChatServerIT} over TLS: the chat's reads and writes, partial lines and closes go through TLS records. */
@ExtendWith(TestTransport.OverTls.class)
@Isolated // TestTransport.OverTls says why
class ChatServerOverTlsIT extends ChatServerIT {}
