package jp.machi.shared.security;

/** What a person may do. System admins are also department admins; department admins and auditors are also staff. */
public enum Role {
    RESIDENT, STAFF, DEPT_ADMIN, SYSTEM_ADMIN, AUDITOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
