package dev.tollgate.server.internal.changes;

import java.util.Arrays;
import java.util.Optional;

/** What a change notice is about; {@link #wireName()} is what travels in the notice. */
public enum Topic {
    /** The revocation list changed: re-read it by sequence. Subject: the application. */
    REVOCATIONS("revocations"),
    /** An application was deleted, or a secret of it rotated or retired: drop its cached secrets. Subject: its ID. */
    APPLICATION("application"),
    /** The signing key was rotated: stop signing with the cached one. Subject: the new key's {@code kid}. */
    SIGNING_KEY("signing-key"),
    /** A shared failure budget was used up: check it before the key tries again. Subject: {@code <table>:<key>}. */
    BUDGET("budget"),
    /** The edge credential was rotated or its old value retired: re-read the accepted values. Subject: empty. */
    EDGE_CREDENTIAL("edge-credential");

    private final String wireName;

    Topic(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static Optional<Topic> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
