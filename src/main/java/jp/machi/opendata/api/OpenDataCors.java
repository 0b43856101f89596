package jp.machi.opendata.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS open to every origin, without credentials, for what is public and read-only: the CKAN API, the DCAT catalog
 * and the files (browser apps such as ckan.js need it). Nothing else of the site is opened.
 */
@Configuration(proxyBeanMethods = false)
class OpenDataCors implements WebMvcConfigurer {

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        for (String path : new String[] {"/api/3", "/api/3/**", "/api/action/**", "/catalog.ttl", "/catalog.jsonld",
            "/dataset/**", "/opendata/files/**", "/opendata/datasets/*/versions/**"}) {
            registry.addMapping(path).allowedOrigins("*").allowedMethods("GET", "HEAD", "POST")
                .allowedHeaders("Content-Type", "If-None-Match", "If-Modified-Since")
                .exposedHeaders("ETag", "Last-Modified", "Content-Disposition").allowCredentials(false).maxAge(86400);
        }
    }
}
