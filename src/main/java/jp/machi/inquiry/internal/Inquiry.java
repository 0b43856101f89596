package jp.machi.inquiry.internal;

import java.time.Instant;
import java.time.LocalDate;

/** An inquiry (問い合わせ): one thread from the resident's first message to the last reply, across transfers. */
public record Inquiry(long id, Channel channel, String departmentCode, String proposedDepartment, Status status,
                      Long assigneeAccountId, Long residentAccountId, String contactName, String contactEmail,
                      String contactPhone, String language, Instant receivedAt, LocalDate dueOn, Instant firstReplyAt,
                      Instant closedAt, Long enteredBy, boolean demo, boolean erased) {

    public enum Channel {
        WEB, PHONE, COUNTER, MAIL;

        public String messageKey() {
            return "inquiry.channel." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Status {
        OPEN, ANSWERED, CLOSED;

        public String messageKey() {
            return "inquiry.status." + name().toLowerCase(java.util.Locale.ROOT);
        }

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Still waiting for the ward past its target date. */
    public boolean overdue(LocalDate today) {
        return status == Status.OPEN && dueOn.isBefore(today);
    }

    /** A message of the thread. */
    public record Message(long id, Kind kind, String body, Long authorAccountId, String fromDepartment,
                          String toDepartment, Instant createdAt) {

        /** RESIDENT and REPLY are what the resident sees; the rest is staff's own record. */
        public enum Kind {
            RESIDENT, REPLY, NOTE, TRANSFER, ASSIGN, CLOSE, REOPEN;

            public boolean visibleToResident() {
                return this == RESIDENT || this == REPLY;
            }

            public String messageKey() {
                return "inquiry.kind." + name().toLowerCase(java.util.Locale.ROOT);
            }
        }
    }

    /** An attachment's metadata (the bytes are read separately). */
    public record Attachment(long id, long messageId, String filename, String contentType, int size) {}
}
