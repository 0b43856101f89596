package jp.machi.identity.web.staff;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jp.machi.identity.internal.AccountService;
import jp.machi.shared.DemoMode;
import jp.machi.shared.manifest.StaffMenuEntry;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.ward.WardProfile;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The staff menu: every module's {@link StaffMenuEntry} whose role this staff member holds (through the role
 * hierarchy), in order. Identity knows none of the entries but its own.
 */
@Controller
class StaffHomeController {

    private final AccountService accounts;
    private final WardProfile ward;
    private final DemoMode demo;
    private final List<StaffMenuEntry> entries;
    private final RoleHierarchy roles;

    StaffHomeController(AccountService accounts, WardProfile ward, DemoMode demo, List<StaffMenuEntry> entries,
                        RoleHierarchy roles) {
        this.accounts = accounts;
        this.ward = ward;
        this.demo = demo;
        this.entries = entries.stream().sorted(Comparator.comparingInt(StaffMenuEntry::order)).toList();
        this.roles = roles;
    }

    @GetMapping("/staff")
    String home(Model model) {
        long id = CurrentActor.principal().map(MachiPrincipal::accountId).orElseThrow();
        var me = accounts.account(id).orElseThrow();
        Set<String> held = roles.getReachableGrantedAuthorities(
                SecurityContextHolder.getContext().getAuthentication().getAuthorities())
            .stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        model.addAttribute("me", me);
        model.addAttribute("entries", entries.stream().filter(e -> held.contains(e.role().authority())).toList());
        model.addAttribute("departments", me.departments().stream().map(ward::department)
            .flatMap(java.util.Optional::stream).toList());
        model.addAttribute("demo", demo.enabled());
        return "identity/staff/staff-home";
    }
}
