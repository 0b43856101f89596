/**
 * Answers without being passed around: the FAQ (ja/en, by life event, per department, public or staff-only, with
 * review dates and "did this answer your question?"), the one inquiry desk (matching FAQ first, a department
 * proposed from the words, staff queues with transfer inside one thread, replies by mail, working-day targets,
 * proxy entry, "make this answer an FAQ") and the anonymous children's consultation. See docs/modules/inquiry.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inquiries and FAQ")
package jp.machi.inquiry;
