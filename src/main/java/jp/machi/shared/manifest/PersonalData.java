package jp.machi.shared.manifest;

/**
 * What one module holds about a person, for the two duties of the personal-information rules: disclosing it to the
 * person (自己情報の開示: My Page's download, {@code GET /api/v1/me/data}, and staff answering a written request) and
 * erasing it when the account is deleted. Every module that stores anything that names or points to a person
 * (an account id, an e-mail address, a name) declares one bean of this type per kind of record.
 *
 * <p>{@link #erase} runs inside the transaction that deletes the account, after identity has checked that deletion
 * is allowed, together with every other module's eraser: either everything is erased or nothing is. Records the
 * ward must keep (a paid booking, a public report) are kept without anything that points to the person. The audit
 * log is the one exception: it keeps the account number, by law and by design.
 */
public interface PersonalData {

    /**
     * The name of this part in the export, stable and in English, {@code <module>.<what>}: for example
     * {@code reservation.bookings}.
     */
    String name();

    /**
     * Everything this part holds about the person, as values that serialise to JSON (records, lists, maps,
     * strings, numbers, booleans, {@code java.time} values); an empty list when there is nothing.
     */
    Object export(DataSubject person);

    /**
     * Erases or anonymises the person's data in this part. Must be idempotent. The account still exists while the
     * erasers run (identity deletes it last), so {@code Accounts.find} still answers.
     */
    void erase(DataSubject person);
}
