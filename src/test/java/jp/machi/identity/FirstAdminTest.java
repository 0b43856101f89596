package jp.machi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jp.machi.support.MachiTest;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** MACHI_ADMIN_EMAIL creates the first system admin only while none exists. */
@MachiTest
class FirstAdminTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsTheFirstAdminOnlyWhenThereIsNone() throws Exception {
        TestMailbox.start();
        Object bootstrap = context.getBean("firstAdmin");
        var ensure = bootstrap.getClass().getDeclaredMethod("ensure", String.class);
        ensure.setAccessible(true);
        // The demo already has a system admin: nothing happens.
        assertThat((Boolean) ensure.invoke(bootstrap, "first.admin@example.jp")).isFalse();

        // With no system admin (the demo admin's role lifted for the test, then restored) it creates one.
        long demoAdmin = jdbc.sql("select id from account where email = 'admin@demo.machi.example'").query(Long.class).single();
        jdbc.sql("delete from account_role where account_id = ? and role = 'SYSTEM_ADMIN'").param(demoAdmin).update();
        try {
            String email = "first.admin." + System.nanoTime() + "@example.jp";
            assertThat((Boolean) ensure.invoke(bootstrap, email)).isTrue();
            assertThat(TestMailbox.text(TestMailbox.awaitMailTo(email))).contains("/password/reset?token=");
            assertThat((Boolean) ensure.invoke(bootstrap, "second." + email)).isFalse();
            jdbc.sql("delete from account_role where role = 'SYSTEM_ADMIN' and account_id = (select id from account where email = ?)")
                .param(email).update();
        } finally {
            jdbc.sql("insert into account_role (account_id, role) values (?, 'SYSTEM_ADMIN') on conflict do nothing").param(demoAdmin).update();
        }
    }
}
