package jp.machi.identity.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything Machi holds about a person, gathered from every module's {@link PersonalData}: for the person's own
 * download (自己情報の開示, My Page and {@code GET /api/v1/me/data}), for staff answering a written request, and for
 * erasure when the account is deleted. Identity knows no module's data but its own.
 */
@Service
public class PersonalDataService {

    /** The export: when, about which account, and each module's part by name (sorted). */
    public record Export(String format, Instant generatedAt, long accountId, Map<String, Object> data) {}

    private final List<PersonalData> parts;
    private final AccountRepository accounts;
    private final java.time.Clock clock;

    PersonalDataService(List<PersonalData> parts, AccountRepository accounts, java.time.Clock clock) {
        this.parts = parts.stream().sorted(Comparator.comparing(PersonalData::name)).toList();
        this.accounts = accounts;
        this.clock = clock;
        long distinct = this.parts.stream().map(PersonalData::name).distinct().count();
        if (distinct != this.parts.size()) {
            throw new IllegalStateException("two PersonalData beans share a name: " + this.parts.stream()
                .map(PersonalData::name).toList());
        }
    }

    /** The person as every module may know them; empty when the account does not exist (or was deleted). */
    public java.util.Optional<DataSubject> subject(long accountId) {
        return accounts.findById(accountId).filter(a -> !a.isDeleted())
            .map(a -> new DataSubject(a.id(), Set.of(a.email(), a.contactEmail() == null ? "" : a.contactEmail()),
                a.displayName()));
    }

    /** Every module's part, read in one transaction so the parts agree with each other. */
    @Transactional(readOnly = true)
    public Export export(long accountId) {
        DataSubject person = subject(accountId).orElseThrow(() -> new IllegalArgumentException("no such account"));
        Map<String, Object> data = new LinkedHashMap<>();
        for (PersonalData part : parts) {
            data.put(part.name(), part.export(person));
        }
        return new Export("machi-personal-data/1", clock.instant(), accountId, data);
    }

    /**
     * Runs every module's eraser in the caller's transaction (the account deletion): either everything is erased or
     * nothing is. The account row itself is deleted by the caller afterwards.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void eraseAll(DataSubject person) {
        for (PersonalData part : parts) {
            part.erase(person);
        }
    }

    /** The names of the parts, for the pages that explain what the export holds. */
    public List<String> partNames() {
        return parts.stream().map(PersonalData::name).toList();
    }
}
