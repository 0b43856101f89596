package jp.machi.reservation.groups;

/** A member of a group: an account (when the e-mail address belongs to one), an address, or only a name. */
public record GroupMember(long id, Long accountId, String email, String name, boolean inWard, boolean representative) {}
