package jp.machi.inquiry.internal;

import java.time.Instant;
import java.util.List;
import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import org.springframework.stereotype.Component;

/**
 * The inquiries a person sent (signed in, or with their address as the reply address), for disclosure (the thread
 * as the resident sees it: their messages and the ward's replies) and erasure (contact, their texts and files go;
 * the ward's replies and the dates stay for the statistics). Identity runs the erasers in the deleting transaction.
 */
@Component
class InquiryPersonalData implements PersonalData {

    record Exported(long id, String channel, String department, String status, Instant receivedAt, String contactName,
                    String contactEmail, String contactPhone, List<ExportedMessage> messages) {}

    record ExportedMessage(String kind, String body, Instant at) {}

    private final InquiryRepository inquiries;

    InquiryPersonalData(InquiryRepository inquiries) {
        this.inquiries = inquiries;
    }

    @Override
    public String name() {
        return "inquiry.inquiries";
    }

    @Override
    public Object export(DataSubject person) {
        return inquiries.ofPerson(person.accountId(), person.emails()).stream().map(i -> new Exported(i.id(),
            i.channel().name(), i.departmentCode(), i.status().name(), i.receivedAt(), i.contactName(), i.contactEmail(),
            i.contactPhone(), inquiries.messages(i.id()).stream().filter(m -> m.kind().visibleToResident())
                .map(m -> new ExportedMessage(m.kind().name(), m.body(), m.createdAt())).toList())).toList();
    }

    @Override
    public void erase(DataSubject person) {
        inquiries.erasePerson(person.accountId(), person.emails());
    }
}
