package jp.machi.notification;

/**
 * The port through which a personal notice is queued: it goes to the person's My Page inbox and, unless they chose
 * otherwise, by mail, worded by the type's rule. Nothing happens when staff switched the type off or the person
 * stopped it. Idempotent: a second call with the same type, key and recipient does nothing (listeners re-run by the
 * event publication registry may call it again). Joins the caller's transaction.
 */
public interface PersonalNotices {

    /** Queues the notice; returns false when nothing was queued (type off, stopped, or already queued). */
    boolean send(PersonalNotice notice);
}
