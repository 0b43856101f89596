package jp.machi.shared.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Language: Japanese by default, English on request. {@code ?lang=en} (the header's language link) switches
 * and a cookie keeps the choice; nothing needs JavaScript.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    public static final String LOCALE_COOKIE = "machi-lang";

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LOCALE_COOKIE);
        resolver.setDefaultLocale(Locale.JAPANESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor() {
            @Override
            public boolean preHandle(jakarta.servlet.http.HttpServletRequest request,
                                     jakarta.servlet.http.HttpServletResponse response, Object handler)
                throws jakarta.servlet.ServletException {
                String lang = request.getParameter(getParamName());
                // only ja and en exist; anything else is ignored rather than giving a half-translated page
                return lang == null || !(lang.equals("ja") || lang.equals("en")) || super.preHandle(request, response, handler);
            }
        };
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**", "/js/**", "/img/**")
            .addResourceLocations("classpath:/static/css/", "classpath:/static/js/", "classpath:/static/img/")
            .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
            // a link to a static file (th:href/th:src="@{/css/…}") is resolved through this handler's chain on every
            // page; with the chain's cache the jar is looked up once per path, not once per link of every page
            // (≈ 4 % of the finder's CPU samples, issue 15). The files are in the jar and never change while it runs.
            .resourceChain(true);
    }
}
