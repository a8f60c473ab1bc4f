package com.fieldservice.streams.routing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

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
 * infrastructure. A leading byte names the record's type (its index in the list given),
 * as the registry's schema id does in the real wire format.
 */
final class AvroBinarySerde<T extends SpecificRecord> implements Serde<T> {

	private final List<Class<? extends T>> types;

	private AvroBinarySerde(List<Class<? extends T>> types) {
		this.types = List.copyOf(types);
	}

	static <T extends SpecificRecord> AvroBinarySerde<T> of(Class<T> type) {
		return new AvroBinarySerde<>(List.of(type));
	}

	static AvroBinarySerde<SpecificRecord> of(List<Class<? extends SpecificRecord>> types) {
		return new AvroBinarySerde<>(types);
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
		int tag = this.types.indexOf(record.getClass());
		if (tag < 0) {
			throw new SerializationException("Not one of " + this.types + ": " + record.getClass());
		}
		try {
			var out = new ByteArrayOutputStream();
			out.write(tag);
			var encoder = EncoderFactory.get().binaryEncoder(out, null);
			// The generated class's model carries the logical-type conversions (Instant
			// <-> timestamp-millis).
			new SpecificDatumWriter<T>(record.getSchema(), SpecificData.getForClass(record.getClass())).write(record,
					encoder);
			encoder.flush();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new SerializationException(ex);
		}
	}

	private T read(byte[] bytes) {
		if (bytes.length == 0 || bytes[0] < 0 || bytes[0] >= this.types.size()) {
			throw new SerializationException("Unknown type tag");
		}
		Class<? extends T> type = this.types.get(bytes[0]);
		try {
			SpecificData model = SpecificData.getForClass(type);
			var reader = new SpecificDatumReader<T>(model.getSchema(type), model.getSchema(type), model);
			return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, null));
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException("Cannot read " + type.getSimpleName(), ex);
		}
	}

}
