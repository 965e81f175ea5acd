package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.base.GeneratorBase;
import java.io.IOException;
import java.io.InputStream;

/**
 * A generator that mirrors what Jackson's compact generator over the library's mapper writes for
 * the calls {@link AslWriter} makes ({@link ByteCounter} counts it, {@link CompactGenerator} writes
 * it). Every call it cannot mirror exactly (raw or pre-encoded content, binary, trees, POJOs) is
 * refused here, in one place, with {@link ByteCounter.Unsupported}: the caller then lets Jackson
 * write the whole document.
 */
abstract class MirroringGenerator extends GeneratorBase {

  MirroringGenerator(int features, ObjectCodec codec) {
    super(features, codec);
  }

  @Override
  public void writeString(char[] text, int offset, int len) throws IOException {
    writeString(new String(text, offset, len));
  }

  @Override
  public void writeNumber(String encoded) {
    throw new ByteCounter.Unsupported();
  }

  @Override
  public void writeTree(TreeNode rootNode) {
    throw new ByteCounter.Unsupported();
  }

  @Override
  public void writeObject(Object value) {
    throw new ByteCounter.Unsupported();
  }

  @Override
  public void writeRawUTF8String(byte[] text, int offset, int length) {
    throw new ByteCounter.Unsupported();
  }

  @Override
  public void writeUTF8String(byte[] text, int offset, int length) {
    throw new ByteCounter.Unsupported();
  }

  @Override
  public void writeRaw(String text) {
    throw new ByteCounter.Unsupported();
  }

  @Override
  public void writeRaw(String text, int offset, int len) {
    throw new ByteCounter.Unsupported();
  }

  @Override
  public void writeRaw(char[] text, int offset, int len) {
    throw new ByteCounter.Unsupported();
  }

  @Override
  public void writeRaw(char c) {
    throw new ByteCounter.Unsupported();
  }

  @Override
  public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) {
    throw new ByteCounter.Unsupported();
  }

  @Override
  public int writeBinary(Base64Variant variant, InputStream data, int dataLength) {
    throw new ByteCounter.Unsupported();
  }

  @Override
  public void flush() {}

  @Override
  protected void _releaseBuffers() {}

  @Override
  protected void _verifyValueWrite(String typeMsg) {
    throw new ByteCounter.Unsupported();
  }
}
