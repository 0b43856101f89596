package jp.machi.shared.web;

import jp.machi.shared.text.TextInput;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/** Every string of a JSON body passes through {@link TextInput#clean}, as request parameters do in {@link InputGuard}. */
@Configuration(proxyBeanMethods = false)
class JsonTextInput {

    @Bean
    JsonMapperBuilderCustomizer cleanStrings() {
        SimpleModule module = new SimpleModule("machi-text-input");
        module.addDeserializer(String.class, new CleanString());
        return builder -> builder.addModule(module);
    }

    static final class CleanString extends StdScalarDeserializer<String> {
        CleanString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            return TextInput.clean(StringDeserializer.instance.deserialize(p, ctxt));
        }
    }
}
