package com.fieldservice.streams.routing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary, without a schema registry, so topologies can be tested with no
 * infrastructure.
 */
final class AvroBinarySerde<T extends SpecificRecord> implements Serde<T> {

	private final Class<T> type;

	private AvroBinarySerde(Class<T> type) {
		this.type = type;
	}

	static <T extends SpecificRecord> AvroBinarySerde<T> of(Class<T> type) {
		return new AvroBinarySerde<>(type);
	}

	@Override
	public Serializer<T> serializer() {
		return (topic, record) -> (record != null) ? write(record) : null;
	}

	@Override
	public Deserializer<T> deserializer() {
		return (topic, bytes) -> (bytes != null) ? read(bytes) : null;
	}

	private byte[] write(T record) {
		try {
			var out = new ByteArrayOutputStream();
			var encoder = EncoderFactory.get().binaryEncoder(out, null);
			// The generated class's model carries the logical-type conversions (Instant
			// <-> timestamp-millis).
			new SpecificDatumWriter<T>(record.getSchema(), SpecificData.getForClass(this.type)).write(record, encoder);
			encoder.flush();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new SerializationException(ex);
		}
	}

	private T read(byte[] bytes) {
		try {
			SpecificData model = SpecificData.getForClass(this.type);
			var reader = new SpecificDatumReader<T>(model.getSchema(this.type), model.getSchema(this.type), model);
			return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
		}
		catch (IOException ex) {
			throw new SerializationException("Cannot read " + this.type.getSimpleName(), ex);
		}
	}

}
