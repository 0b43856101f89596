/**
 * Mail: other modules send a templated mail through {@link jp.machi.mail.Mailer}. Mail is written to an
 * outbox in the caller's transaction and delivered by SMTP (MACHI_SMTP_*) after commit; without SMTP (the
 * demo) it stays in the outbox, which staff can read at /staff/outbox.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
package jp.machi.mail;
