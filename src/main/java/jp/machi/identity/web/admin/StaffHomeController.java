package jp.machi.identity.web.admin;

import jp.machi.identity.internal.AccountRepository;
import jp.machi.shared.DemoMode;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.ward.WardProfile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff menu: what this staff member may do, by role. */
@Controller
class StaffHomeController {

    private final AccountRepository accounts;
    private final WardProfile ward;
    private final DemoMode demo;

    StaffHomeController(AccountRepository accounts, WardProfile ward, DemoMode demo) {
        this.accounts = accounts;
        this.ward = ward;
        this.demo = demo;
    }

    @GetMapping("/staff")
    String home(Model model) {
        long id = CurrentActor.principal().map(MachiPrincipal::accountId).orElseThrow();
        var me = accounts.findById(id).orElseThrow();
        model.addAttribute("me", me);
        model.addAttribute("departments", me.departments().stream().map(ward::department)
            .flatMap(java.util.Optional::stream).toList());
        model.addAttribute("demo", demo.enabled());
        return "identity/admin/staff-home";
    }
}
