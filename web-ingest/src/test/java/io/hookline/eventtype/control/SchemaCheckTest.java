package io.hookline.eventtype.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hookline.platform.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {

  static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text.replace('\'', '"')))) {
      return reader.readObject();
    }
  }

  static String refusedField(String schemas) {
    Refusal refusal = assertThrows(Refusal.class, () -> SchemaCheck.schemas(json(schemas)));
    assertEquals(Refusal.Kind.INVALID, refusal.kind());
    return refusal.field();
  }

  @Test
  void svixsExampleIsAValidSchema() {
    assertDoesNotThrow(
        () ->
            SchemaCheck.schemas(
                json(
                    "{'1':{'description':'An invoice was paid by a user','properties':{'invoiceId':{'description':'The invoice id','type':'string'},'userId':{'description':'The user id','type':'string'}},'required':['invoiceId','userId'],'title':'Invoice Paid Event','type':'object'}}")));
  }

  @Test
  void richerSchemasPass() {
    assertDoesNotThrow(
        () ->
            SchemaCheck.schemas(
                json(
                    "{'1':{'type':['object','null'],'additionalProperties':false,'$defs':{'id':{'type':'string','pattern':'^[a-z]+$','minLength':1}},"
                        + "'properties':{'tags':{'type':'array','items':{'$ref':'#/$defs/id'},'maxItems':10},'n':{'type':'integer','minimum':0,'enum':[1,2]},"
                        + "'any':true,'one':{'oneOf':[{'type':'string'},{'type':'number','multipleOf':0.5}]}},'examples':[{'tags':['a']}]},"
                        + "'2':{}}")));
  }

  @Test
  void eachVersionMustBeASchemaObject() {
    assertEquals("schemas.1", refusedField("{'1':'string'}"));
    assertEquals("schemas.1", refusedField("{'1':[]}"));
    assertEquals("schemas.1", refusedField("{'1':true}"));
  }

  @Test
  void typeIsATypeNameOrAnArrayOfThem() {
    assertEquals("schemas.1.type", refusedField("{'1':{'type':'strnig'}}"));
    assertEquals("schemas.1.type", refusedField("{'1':{'type':5}}"));
    assertEquals("schemas.1.type", refusedField("{'1':{'type':[]}}"));
    assertEquals("schemas.1.type[1]", refusedField("{'1':{'type':['string','date']}}"));
  }

  @Test
  void nestedSchemasAreCheckedWithTheirPath() {
    assertEquals(
        "schemas.1.properties.user.type",
        refusedField("{'1':{'type':'object','properties':{'user':{'type':'person'}}}}"));
    assertEquals("schemas.1.properties", refusedField("{'1':{'properties':[]}}"));
    assertEquals("schemas.1.properties.a", refusedField("{'1':{'properties':{'a':1}}}"));
    assertEquals("schemas.2.items.type", refusedField("{'2':{'items':{'type':'x'}}}"));
    assertEquals("schemas.1.anyOf[0]", refusedField("{'1':{'anyOf':[3]}}"));
    assertEquals("schemas.1.anyOf", refusedField("{'1':{'anyOf':[]}}"));
    assertEquals("schemas.1.not", refusedField("{'1':{'not':'x'}}"));
  }

  @Test
  void requiredIsAnArrayOfStringsAndExamplesAnArray() {
    assertEquals("schemas.1.required", refusedField("{'1':{'required':'id'}}"));
    assertEquals("schemas.1.required[1]", refusedField("{'1':{'required':['id',2]}}"));
    assertEquals("schemas.1.examples", refusedField("{'1':{'examples':{'id':1}}}"));
    assertEquals("schemas.1.enum", refusedField("{'1':{'enum':'a'}}"));
  }

  @Test
  void numbersAndPatternsAreWhatTheyClaim() {
    assertEquals("schemas.1.minLength", refusedField("{'1':{'minLength':-1}}"));
    assertEquals("schemas.1.maxItems", refusedField("{'1':{'maxItems':1.5}}"));
    assertEquals("schemas.1.minimum", refusedField("{'1':{'minimum':'0'}}"));
    assertEquals("schemas.1.multipleOf", refusedField("{'1':{'multipleOf':0}}"));
    assertEquals("schemas.1.pattern", refusedField("{'1':{'pattern':'(unclosed'}}"));
    assertEquals("schemas.1.title", refusedField("{'1':{'title':3}}"));
  }

  @Test
  void versionsAreNamedAndNestingIsBounded() {
    assertEquals("schemas", refusedField("{'':{}}"));
    String deep = "{'1':" + "{'not':".repeat(80) + "{}" + "}".repeat(80) + "}";
    assertEquals("schemas.1", refusedField(deep).substring(0, 9));
  }
}
