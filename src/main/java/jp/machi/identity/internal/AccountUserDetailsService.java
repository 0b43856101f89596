package jp.machi.identity.internal;

import java.time.Clock;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class AccountUserDetailsService implements UserDetailsService {

    private final AccountRepository accounts;
    private final Clock clock;

    AccountUserDetailsService(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        if (email == null || email.isBlank() || email.length() > 254) {
            throw new UsernameNotFoundException("no account");
        }
        return accounts.findActiveByEmail(email).map(a -> new AccountUser(a, clock.instant()))
            .orElseThrow(() -> new UsernameNotFoundException("no account"));
    }
}
