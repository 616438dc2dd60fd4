package stratsim.spring;

import jakarta.annotation.PostConstruct;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts accounts: once while the application starts (the tables must already exist), and on GET /accounts/count. */
@RestController
public class Accounts {
    private final AccountRepository accounts;
    private long atStartUp = -1;

    public Accounts(AccountRepository accounts) { this.accounts = accounts; }

    @PostConstruct
    void countAtStartUp() { atStartUp = accounts.count(); }

    @GetMapping("/accounts/count")
    public Map<String, Long> count() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("accounts", accounts.count());
        out.put("atStartUp", atStartUp);
        return out;
    }
}
