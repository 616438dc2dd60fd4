package stratsim.spring;

import org.springframework.data.jpa.repository.JpaRepository;
import stratsim.spring.model.Account;

public interface AccountRepository extends JpaRepository<Account, Long> {}
