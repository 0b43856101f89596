package jp.machi.identity;

import java.util.Set;

/**
 * Which departments' work a staff member sees. Staff see only their own departments' work unless they are
 * granted all departments (or are system admins).
 */
public interface StaffScope {

    /** The department codes of the staff member, empty for residents. */
    Set<String> departmentsOf(long accountId);

    /** True when the staff member may see the department's work. */
    boolean canSee(long accountId, String departmentCode);
}
