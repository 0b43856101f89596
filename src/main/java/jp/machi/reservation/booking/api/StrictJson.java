package jp.machi.reservation.booking.api;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * JSON members read strictly: a text must be a JSON string (no number or boolean turned into one), an id a whole JSON
 * number or a string of digits. A member of the wrong kind fails binding with the member's name, so the answer names it.
 */
final class StrictJson {

    private StrictJson() {}

    /** A JSON string only. */
    static final class Text extends ValueDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getString();
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    /** A whole JSON number or a string, as text (checked by the record's pattern). */
    static final class Id extends ValueDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_STRING) {
                return p.getString();
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    /** A JSON boolean only. */
    static final class Flag extends ValueDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE;
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }
    }
}
