package jp.machi.identity.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.shared.security.Role;
import jp.machi.ward.WardProfile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff accounts, created by admins in departments. System admins manage everyone; a department admin
 * manages staff of their own departments and can give only the staff and department-admin roles.
 */
@Service
public class StaffService {

    public static final Set<Role> DEPT_ADMIN_GRANTABLE = EnumSet.of(Role.STAFF, Role.DEPT_ADMIN);

    public record StaffForm(String email, String displayName, String language, Set<Role> roles, Set<String> departments,
                            boolean allDepartments) {}

    /** Why a change was refused; the web layer turns it into a message. */
    public static class NotAllowed extends RuntimeException {
        private final String messageKey;

        public NotAllowed(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final AccountRepository accounts;
    private final AccountService accountService;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final WardProfile ward;

    StaffService(AccountRepository accounts, AccountService accountService, PasswordEncoder encoder, AuditLog audit,
                 WardProfile ward) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.encoder = encoder;
        this.audit = audit;
        this.ward = ward;
    }

    /** The staff the admin may see and manage. */
    public List<Account> visibleTo(Account admin) {
        if (admin.has(Role.SYSTEM_ADMIN)) {
            return accounts.staff();
        }
        return accounts.staff().stream().filter(s -> manageable(admin, s)).toList();
    }

    public Optional<Account> find(Account admin, long staffId) {
        return accounts.findById(staffId).filter(Account::isStaff).filter(a -> !a.isDeleted())
            .filter(s -> admin.has(Role.SYSTEM_ADMIN) || manageable(admin, s));
    }

    /** Creates a staff account and mails an invitation to choose a password; the first sign-in enrols TOTP. */
    @Transactional
    public long create(Account admin, StaffForm form) {
        check(admin, form, null);
        if (accounts.emailTaken(form.email())) {
            throw new NotAllowed("staff.error.emailTaken");
        }
        // An unusable password until the invitation link is used.
        long id = accounts.insert(Account.STAFF, form.email(), encoder.encode(SecretTokens.newToken()),
            form.displayName().trim(), null, null, form.language(), null);
        Set<Role> roles = withStaff(form.roles());
        accounts.setRoles(id, roles);
        accounts.setDepartments(id, form.departments(), form.allDepartments());
        audit.record(AuditEvent.byCurrentActor("identity.staff.create", id, "staff:" + id,
            AuditDetail.of(form.allDepartments() ? "identity.audit.staff.create.all" : "identity.audit.staff.create",
                AuditDetail.words("staff.role.", roles), AuditDetail.departments(form.departments()))));
        accountService.sendInvitation(accounts.findById(id).orElseThrow());
        return id;
    }

    /** Changes a staff member's roles and departments. */
    @Transactional
    public void update(Account admin, long staffId, StaffForm form) {
        Account before = find(admin, staffId).orElseThrow(() -> new NotAllowed("staff.error.notFound"));
        check(admin, form, before);
        if (before.id() == admin.id() && before.has(Role.SYSTEM_ADMIN) && !form.roles().contains(Role.SYSTEM_ADMIN)) {
            throw new NotAllowed("staff.error.ownAdminRole");
        }
        Set<Role> roles = withStaff(form.roles());
        accounts.setRoles(staffId, roles);
        accounts.setDepartments(staffId, form.departments(), form.allDepartments());
        accounts.updateProfile(staffId, form.displayName().trim(), before.nameKana(), before.district(), form.language(),
            before.contactEmail());
        audit.record(AuditEvent.byCurrentActor("identity.role.change", staffId, "staff:" + staffId,
            AuditDetail.of("identity.audit.role.change", AuditDetail.words("staff.role.", before.roles()),
                AuditDetail.words("staff.role.", roles), AuditDetail.departments(before.departments()),
                AuditDetail.departments(form.departments()),
                AuditDetail.word(!form.allDepartments() ? "identity.audit.allDepartments.no" : "identity.audit.allDepartments.yes"))));
    }

    /** Clears a staff member's authenticator so they enrol again at the next sign-in (lost phone). */
    @Transactional
    public void resetTwoFactor(Account admin, long staffId) {
        find(admin, staffId).orElseThrow(() -> new NotAllowed("staff.error.notFound"));
        accounts.resetTotp(staffId);
        audit.record(AuditEvent.byCurrentActor("identity.2fa.reset", staffId, "staff:" + staffId,
            AuditDetail.of("identity.audit.2fa.reset")));
    }

    private void check(Account admin, StaffForm form, Account target) {
        for (String code : form.departments()) {
            if (ward.department(code).isEmpty()) {
                throw new NotAllowed("staff.error.unknownDepartment");
            }
        }
        if (admin.has(Role.SYSTEM_ADMIN)) {
            return;
        }
        if (!admin.has(Role.DEPT_ADMIN)) {
            throw new NotAllowed("staff.error.notAdmin");
        }
        if (!DEPT_ADMIN_GRANTABLE.containsAll(form.roles()) || form.allDepartments()) {
            throw new NotAllowed("staff.error.roleNotGrantable");
        }
        if (form.departments().isEmpty() || !admin.departments().containsAll(form.departments())) {
            throw new NotAllowed("staff.error.departmentNotYours");
        }
        if (target != null && !manageable(admin, target)) {
            throw new NotAllowed("staff.error.notFound");
        }
    }

    /** A department admin manages plain staff and department admins who share one of their departments. */
    private static boolean manageable(Account admin, Account staff) {
        if (!admin.has(Role.DEPT_ADMIN)) {
            return false;
        }
        if (staff.has(Role.SYSTEM_ADMIN) || staff.has(Role.AUDITOR) || staff.allDepartments()) {
            return false;
        }
        return staff.departments().stream().anyMatch(admin.departments()::contains) || staff.id() == admin.id();
    }

    private static Set<Role> withStaff(Set<Role> roles) {
        Set<Role> all = EnumSet.of(Role.STAFF);
        all.addAll(roles);
        all.remove(Role.RESIDENT);
        return all;
    }
}
