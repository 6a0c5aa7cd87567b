package chat.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoomChangeTest {
    private static final RoomName DEV = new RoomName("#Dev");

    @Test
    void everyChangeIsReadBackFromTheWordsTheRoomIsTold() {
        List<RoomChange> changes = List.of(new RoomChange("alice", 'i', true, null), new RoomChange("alice", 'i', false, null),
                new RoomChange("a.b-c_9", 't', true, null), new RoomChange("alice", 't', false, null),
                new RoomChange("alice", 'm', true, null), new RoomChange("alice", 'm', false, null),
                new RoomChange("alice", 's', true, null), new RoomChange("alice", 's', false, null),
                new RoomChange("alice", 'o', true, "Bob"), new RoomChange("alice", 'o', false, "Bob"),
                new RoomChange(null, 'o', true, "Bob"), new RoomChange("alice", 'v', true, "Bob"),
                new RoomChange("alice", 'v', false, "bob.2"));
        for (RoomChange change : changes) {
            assertThat(RoomChange.read("#Dev", change.text(DEV))).as(change.text(DEV)).isEqualTo(change);
        }
        assertThat(new RoomChange("alice", 'v', true, "bob").text(DEV)).isEqualTo("alice let bob speak in #Dev while it is moderated");
    }

    @Test
    void otherWordsAndAnotherRoomsAreNoChange() {
        assertThat(RoomChange.read("#Dev", "alice made #Dev invite-only")).isNotNull();
        assertThat(RoomChange.read("#ops", "alice made #Dev invite-only")).as("another room's words").isNull();
        assertThat(RoomChange.read("#Dev", "carol may join #Dev now")).isNull();
        assertThat(RoomChange.read("#Dev", "al ice made #Dev invite-only")).as("not a name").isNull();
        assertThat(RoomChange.read("#Dev", "alice made #Dev invite-only!")).isNull();
    }
}
