/**
 * The ward's notification hub: residents subscribe to topics and areas (by mail, double opt-in or from My Page),
 * schools and nurseries run their own lists, staff send notices (emergency, normal, bulk) that are also published
 * on a page, in Atom feeds and in My Page; other modules' events become personal notices under rules staff switch
 * on and word. Delivery is this module's own: one row per recipient, three lanes with their own workers and SMTP
 * sessions, retries, bounces into a suppression list.
 *
 * <p>Other modules see {@link jp.machi.notification.NotificationType} (a contribution type: a kind of personal
 * notice with its default wording) and {@link jp.machi.notification.PersonalNotices} (the port that queues one).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications (情報メール・お知らせ)")
package jp.machi.notification;
