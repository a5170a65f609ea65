package io.accessproof.devkit.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormParserTest {
    @Test
    void nestedIndexedAndAppendedKeys_parseIntoTree() {
        Params p = new Params(FormParser.parse(
                "items[0][price]=price_a&items[0][quantity]=2&items[1][price]=price_b&metadata[plan]=pro"
                        + "&expand[]=latest_invoice&expand[]=customer&types[0]=a.b&created[gte]=10&email=a%40b.c"));
        assertThat(p.paramsList("items")).hasSize(2);
        assertThat(p.paramsList("items").get(0).string("price")).isEqualTo("price_a");
        assertThat(p.paramsList("items").get(0).longValue("quantity")).isEqualTo(2L);
        assertThat(p.strings("metadata")).containsEntry("plan", "pro");
        assertThat(p.stringList("expand")).containsExactly("latest_invoice", "customer");
        assertThat(p.stringList("types")).containsExactly("a.b");
        assertThat(p.child("created").longValue("gte")).isEqualTo(10L);
        assertThat(p.string("email")).isEqualTo("a@b.c");
    }
}
