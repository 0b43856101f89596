package jp.machi.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.Set;
import jp.machi.shared.web.InputGuard;
import jp.machi.shared.web.UploadLimitGuard;
import jp.machi.support.StaffLogin;
import org.springframework.beans.BeanUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 16 item 5, the forms: every field of every form handler (every POST mapping of the pages, found in Spring
 * MVC's handler mappings at run time, so a new form is fuzzed without touching this test) gets bad values, sent by the
 * demo system admin (who may reach every page) with a CSRF token, through the same input filters as over HTTP. No
 * answer may be a 5xx, and a refused request (4xx) stores nothing.
 *
 * <p>Each request carries only the fuzzed field; path variables are an id that does not exist ({@value #NO_SUCH_ID}),
 * so binding and validation run but no demo record is changed. Handlers without any form field are left out (there is
 * nothing to fuzz, and they are actions such as "reset the second factor"). Fixed seed and tries: {@link FuzzSupport}.
 */
class FormFuzzTest {

    static final String NO_SUCH_ID = "999999999";

    record Form(String path, String field, HandlerMethod handler) {
        @Override
        public String toString() {
            return "POST " + path + " " + field;
        }
    }

    static List<Form> forms;
    static JdbcClient jdbc;
    static MockMvc mvc;
    static RequestPostProcessor admin;

    @BeforeAll
    static void discover() {
        ApplicationContext context = FuzzSupport.context();
        jdbc = context.getBean(JdbcClient.class);
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
            .addFilters(context.getBean(UploadLimitGuard.class), context.getBean(InputGuard.class))
            .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
            .build();
        admin = StaffLogin.admin(jdbc);
        forms = new ArrayList<>();
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            if (!info.getMethodsCondition().getMethods().contains(RequestMethod.POST) || info.getPathPatternsCondition() == null) {
                continue;
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (pattern.startsWith("/api/") || pattern.startsWith("/open311/") || pattern.contains("**")) {
                    continue; // the machine APIs are fuzzed from their OpenAPI description (ApiFuzzTest)
                }
                String path = pattern.replaceAll("\\{[^}]+}", NO_SUCH_ID);
                for (String field : fields(e.getValue())) {
                    forms.add(new Form(path, field, e.getValue()));
                }
            }
        }
    }

    /** The form fields a handler reads: its request parameters and the components or properties of its form object. */
    static Set<String> fields(HandlerMethod handler) {
        Set<String> out = new LinkedHashSet<>();
        for (MethodParameter mp : handler.getMethodParameters()) {
            Parameter p = mp.getMethod().getParameters()[mp.getParameterIndex()];
            Class<?> type = mp.getParameterType();
            RequestParam rp = mp.getParameterAnnotation(RequestParam.class);
            if (mp.hasParameterAnnotation(PathVariable.class) || MultipartFile.class.isAssignableFrom(type)) {
                continue;
            }
            if (rp != null) {
                if (!Map.class.isAssignableFrom(type)) { // a whole map: its fields are not known here
                    out.add(!rp.name().isEmpty() ? rp.name() : !rp.value().isEmpty() ? rp.value() : p.getName());
                }
            } else if (mp.hasParameterAnnotation(ModelAttribute.class) || type.isRecord()) {
                if (type.isRecord()) {
                    for (RecordComponent c : type.getRecordComponents()) {
                        out.add(c.getName());
                    }
                } else if (!BeanUtils.isSimpleProperty(type) && type.getName().startsWith("jp.machi")) {
                    for (var d : BeanUtils.getPropertyDescriptors(type)) {
                        if (d.getWriteMethod() != null) {
                            out.add(d.getName());
                        }
                    }
                }
            }
        }
        return out;
    }

    static Stream<String> badValues() {
        return FuzzSupport.badValues(FuzzSupport.FORM_TRIES).stream();
    }

    @ParameterizedTest(name = "try {index}")
    @MethodSource("badValues")
    void noBadValueInAnyFormFieldGivesA5xxOrStoresAnythingWhenRefused(String value) throws Exception {
        assertThat(forms).as("form fields found in the handler mappings").hasSizeGreaterThan(50);
        Map<String, Long> before = null; // the rows before a request: the rows after the previous refused one
        for (Form f : forms) {
            if (before == null) {
                before = FuzzSupport.storedRows(jdbc);
            }
            MvcResult r;
            try {
                r = mvc.perform(post(f.path()).param(f.field(), value).with(admin).with(csrf())).andReturn();
            } catch (Exception e) {
                throw new AssertionError(f + " = " + ApiFuzzTest.printable(value) + " threw " + e, e);
            }
            int status = r.getResponse().getStatus();
            assertThat(status).as(f + " = " + ApiFuzzTest.printable(value) + " (" + f.handler().getShortLogMessage() + ")")
                .isLessThan(500);
            if (status >= 400) {
                Map<String, Long> after = FuzzSupport.storedRows(jdbc);
                assertThat(FuzzSupport.grown(before, after))
                    .as(f + " = " + ApiFuzzTest.printable(value) + " was refused (" + status + ") but stored rows").isEmpty();
                before = after;
            } else {
                before = null; // an accepted form may store what it was given (a note, a token): count again
            }
        }
    }
}
