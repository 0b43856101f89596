package jp.machi.reservation.web;

import jp.machi.shared.web.ServiceLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ReservationServices {

    @Bean
    ServiceLink reservationServiceLink() {
        return new ServiceLink(15, "reservation.service.title", "reservation.service.description", "/reservations");
    }
}
