-- mail: secrets (one-time links, codes) never sit in the text staff read. `body` is the outbox's copy with each
-- secret replaced by a note; `sealed_body` is the recipient's text, kept only while delivery needs it (a QUEUED
-- mail until it is SENT or FAILED) or, in demo mode without SMTP, for recipients at the demo domain.
alter table mail_outbox add column sealed_body text;

-- Mails written before this migration hold their links in `body`. Keep the recipient's text where delivery still
-- needs it or where the demo may show it, and mask the links in the staff copy of every mail that carried one.
update mail_outbox set sealed_body = body
 where template in ('identity/verify-email', 'identity/reset-password', 'identity/staff-invitation')
   and (status = 'QUEUED' or (status = 'KEPT' and lower(recipient) like '%@demo.machi.example'));
update mail_outbox
   set body = regexp_replace(body, 'https?://[^[:space:]]+', case when language = 'en'
                 then '[hidden: only the recipient can see this link or code]'
                 else '［非表示：このリンク・コードは受信者本人にだけ届きます］' end, 'g')
 where template in ('identity/verify-email', 'identity/reset-password', 'identity/staff-invitation');
