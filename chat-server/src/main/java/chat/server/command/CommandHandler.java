package chat.server.command;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.server.admission.RateLimiter;
import chat.server.config.ServerText;
import chat.server.roster.LocalRoster;
import chat.server.roster.Roster;
import chat.server.transfer.Transfers;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the commands of one logged-in member. Runs on that member's reader thread; every reply goes
 * through outboxes, so a command never waits for anyone's socket.
 */
public final class CommandHandler {
    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);
    /** A quit reason goes to everyone in LEAVE: keep it a reason, not a message (docs/PROTOCOL.md). */
    public static final int MAX_QUIT_REASON_CHARS = 200;

    private final Roster roster;
    private final Roster.Member me;
    private final AccountCommands accounts;
    private final Moderation moderation;
    private final Transfers transfers;
    private final RoomCommands rooms;
    private final HistoryCommands history;
    private final WaitingLines waiting;
    private final List<ServerEvent> said = new ArrayList<>(); // public lines read, not yet said (see flush)
    private RoomName saidIn = RoomName.DEFAULT; // the room of the lines in said

    /**
     * @param encrypted whether the member's connection is TLS (passwords are taken only then, unless allowed)
     * @param accountChanges the allowance of account changes of the member's address; null: no limit
     */
    public CommandHandler(CommandContext context, Roster.Member me, boolean encrypted, RateLimiter accountChanges) {
        this.roster = context.roster();
        this.me = me;
        this.accounts = new AccountCommands(context, me, encrypted, accountChanges, this::reply);
        this.moderation = new Moderation(context, me, this::reply);
        this.transfers = context.transfers();
        this.rooms = new RoomCommands(roster, me, this::reply);
        this.history = new HistoryCommands(context.store(), roster.rooms(), me, this::reply);
        this.waiting = new WaitingLines(context.store(), context.registry().accounts(), me, this::reply);
    }

    /**
     * Carries out {@code command}.
     *
     * @return the reason for leaving if the command was a quit, else null
     */
    public String handle(ClientCommand command) {
        if (command instanceof ClientCommand.Say || command instanceof ClientCommand.Me) {
            said(rooms.current(), command);
            return null;
        }
        if (command instanceof ClientCommand.Notice notice && notice.toRoom()) {
            RoomName room = rooms.room(notice.target());
            if (room != null) {
                said(room, notice);
            }
            return null;
        }
        if (command instanceof ClientCommand.To to) {
            RoomName room = rooms.room(to.room());
            if (room != null) {
                said(room, to.line());
            }
            return null;
        }
        flush(); // what was said before this command goes out before anything it does
        try {
            return carryOut(command);
        } catch (Roster.LinkDown e) {
            reply(e.error());
            return null;
        }
    }

    /** Gathers a public line ({@code Say}, {@code Me} or {@code Notice}) for {@code room}; a line for another room says those first. */
    private void said(RoomName room, ClientCommand line) {
        if (!room.equals(saidIn)) {
            flush();
            saidIn = room;
        }
        boolean debug = log.isDebugEnabled(); // three arguments would make an array per line, logged or not
        if (line instanceof ClientCommand.Say say) {
            if (debug) {
                log.debug("{} {}: {}", room, me.name(), say.text());
            }
            said.add(new ServerEvent.Msg(me.name().value(), say.text()));
        } else if (line instanceof ClientCommand.Notice notice) {
            if (debug) {
                log.debug("{} -{}- {}", room, me.name(), notice.text());
            }
            said.add(new ServerEvent.Notice(me.name().value(), notice.text()));
        } else {
            String text = ((ClientCommand.Me) line).text();
            if (debug) {
                log.debug("{} * {} {}", room, me.name(), text);
            }
            said.add(new ServerEvent.Action(me.name().value(), text));
        }
        if (said.size() >= LocalRoster.MAX_BATCH_LINES) {
            flush();
        }
    }

    private String carryOut(ClientCommand command) {
        if (rooms.carryOut(command)) {
            return null;
        }
        if (command instanceof ClientCommand.PrivateMsg msg) {
            sendPrivate(msg);
        } else if (command instanceof ClientCommand.Notice notice) { // to a name: to a room was said above
            log.debug("{} -> -{}-: {}", me.name(), notice.target(), notice.text());
            replyIfError(roster.sendPrivate(me, notice.target(), notice.text(), true));
        } else if (command instanceof ClientCommand.ListUsers) {
            roster.listTo(me);
        } else if (command instanceof ClientCommand.Help) {
            ServerText.HELP.forEach(line -> reply(new ServerEvent.Info(line)));
            if (me.standing().operator()) {
                ServerText.OPERATOR_HELP.forEach(line -> reply(new ServerEvent.Info(line)));
            }
        } else if (command instanceof ClientCommand.Register c) {
            accounts.register(c.password());
        } else if (command instanceof ClientCommand.ChangePassword c) {
            accounts.changePassword(c.password());
        } else if (command instanceof ClientCommand.Unregister) {
            accounts.unregister();
        } else if (command instanceof ClientCommand.Oper c) {
            accounts.oper(c.name(), c.password());
        } else if (command instanceof ClientCommand.Whois c) {
            moderation.whois(c.name());
        } else if (command instanceof ClientCommand.Kick c) {
            moderation.kick(c.name(), c.reason());
        } else if (command instanceof ClientCommand.Ban c) {
            moderation.ban(c.target(), c.duration(), c.reason());
        } else if (command instanceof ClientCommand.Unban c) {
            moderation.unban(c.target());
        } else if (command instanceof ClientCommand.ListBans) {
            moderation.listBans();
        } else if (command instanceof ClientCommand.Purge c) {
            moderation.purge(c.name());
        } else if (command instanceof ClientCommand.Offer c) {
            offer(c);
        } else if (command instanceof ClientCommand.Accept c) {
            replyIfError(transfers.accept(me.party(), c.id()));
        } else if (command instanceof ClientCommand.Decline c) {
            replyIfError(transfers.decline(me.party(), c.id()));
        } else if (command instanceof ClientCommand.Cancel c) {
            replyIfError(transfers.cancel(me.party(), c.id()));
        } else if (command instanceof ClientCommand.History c) {
            RoomName room = rooms.room(c.room());
            if (room != null) {
                history.history(room, c.count());
            }
        } else if (command instanceof ClientCommand.Search c) {
            search(c);
        } else if (command instanceof ClientCommand.Quit quit) {
            return quit.reason().isEmpty() ? "quit" : "quit: " + truncate(quit.reason(), MAX_QUIT_REASON_CHARS);
        } else if (command instanceof ClientCommand.Malformed malformed) {
            reply(ErrorCode.BAD_ARGUMENTS.event(malformed.usage()));
        } else if (command instanceof ClientCommand.Unknown unknown) {
            reply(ErrorCode.UNKNOWN_COMMAND.event(unknown.command()));
        }
        return null; // Blank: nothing to do
    }

    /**
     * Says the public lines read so far; must run before the reader could block or end. Until then they
     * gather, so that the lines of one read reach every writer as one batch (docs/DESIGN.md).
     */
    public void flush() {
        if (said.isEmpty()) {
            return;
        }
        List<ServerEvent.Error> refused = saidIn.isDefault() ? roster.say(me, said) // the roster keeps nothing of the list
                : roster.rooms().say(me, saidIn, said);
        said.clear();
        refused.forEach(this::reply);
    }

    private void search(ClientCommand.Search c) {
        RoomName room = c.room().isEmpty() ? null : rooms.room(c.room());
        if (room == null && !c.room().isEmpty()) {
            return; // ROOM_INVALID answered
        }
        try {
            history.search(room, c.text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the session is ending: its reader will see it
        }
    }

    private void sendPrivate(ClientCommand.PrivateMsg msg) {
        log.debug("{} -> {}: {}", me.name(), msg.to(), msg.text());
        ServerEvent.Error error = roster.sendPrivate(me, msg.to(), msg.text(), false);
        if (error != null && error.code() == ErrorCode.NO_SUCH_USER && waiting.keep(msg.to(), msg.text())) {
            return; // kept for a registered name that is away
        }
        replyIfError(error);
    }

    private void offer(ClientCommand.Offer offer) {
        Roster.Member to = roster.find(offer.to());
        if (to == null) {
            reply(roster.elsewhere(offer.to()) ? ErrorCode.OTHER_SERVER.event(offer.to(), "/offer")
                    : ErrorCode.NO_SUCH_USER.event(offer.to()));
            return;
        }
        replyIfError(transfers.offer(me.party(), to.party(), offer.size(), offer.sha256(), offer.fileName()));
    }

    private void replyIfError(ServerEvent.Error error) {
        if (error != null) {
            reply(error);
        }
    }

    /** The first {@code max} code points of {@code text}. */
    static String truncate(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }

    private void reply(ServerEvent event) {
        me.outbox().offer(EventCodec.encodeLine(event));
    }
}
