package dev.engram.io;

import dev.engram.core.AtomicFiles;
import dev.engram.core.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * GIfTI functional surface files (.func.gii): a series of DataArrays of one value per vertex, in ASCII,
 * Base64Binary or GZipBase64Binary encoding, float32/float64/int32/uint8, either byte order. Arrays stored in
 * external files are refused (they would let a file point anywhere on disk). The XML parser has
 * external DTDs and entities never loaded. Time series come back as [arrays, vertices]: one DataArray per time point (the
 * common layout), or one 2D array [vertices, time] transposed.
 */
public final class Gifti {
    public static final long MAX_FILE_BYTES = 2L << 30;
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private Gifti() {}

    /** Rows (time points) x vertices, row-major. */
    public record Series(int rows, int vertices, float[] values) {}

    public static Series read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserError(file + ": no such file");
        Document doc;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) throw bad(file, "larger than " + MAX_FILE_BYTES + " bytes");
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // GIfTI files carry a DOCTYPE (nibabel writes one): allow it, but never fetch it or any external entity.
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            try (InputStream in = Files.newInputStream(file)) {
                doc = b.parse(in);
            }
        } catch (SAXException e) {
            throw bad(file, "the XML does not parse (" + e.getMessage() + "): truncated or not a GIfTI file?");
        } catch (IOException | javax.xml.parsers.ParserConfigurationException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("GIFTI")) throw bad(file, "the root element is <" + root.getTagName() + ">, not <GIFTI>");
        NodeList arrays = root.getElementsByTagName("DataArray");
        if (arrays.getLength() == 0) throw bad(file, "it has no DataArray");
        List<float[]> rows = new ArrayList<>();
        int vertices = -1;
        for (int i = 0; i < arrays.getLength(); i++) {
            Element a = (Element) arrays.item(i);
            String where = "DataArray " + i;
            String ext = a.getAttribute("ExternalFileName");
            if (!ext.isBlank() || a.getAttribute("Encoding").equals("ExternalFileBinary"))
                throw bad(file, where + " stores its data in an external file ('" + ext + "'); Engram reads self-contained GIfTI only: "
                        + "re-save it with embedded data (e.g. nibabel: img.to_filename with GZipBase64Binary encoding)");
            int dimensionality = intAttr(file, a, "Dimensionality", where);
            if (dimensionality < 1 || dimensionality > 2) throw bad(file, where + " has Dimensionality " + dimensionality + "; 1 or 2 are read");
            long d0 = intAttr(file, a, "Dim0", where), d1 = dimensionality == 2 ? intAttr(file, a, "Dim1", where) : 1;
            if (d0 < 1 || d1 < 1 || d0 * d1 > MAX_VALUES) throw bad(file, where + " has invalid dimensions " + d0 + "x" + d1);
            int count = (int) (d0 * d1);
            float[] v = decode(file, a, where, count);
            boolean colMajor = a.getAttribute("ArrayIndexingOrder").equals("ColumnMajorOrder");
            if (dimensionality == 2) {
                if (arrays.getLength() != 1) throw bad(file, where + " is 2D among several arrays; give one 2D array or one 1D array per time point");
                // [vertices, time] -> rows of time points
                int nv = (int) d0, nt = (int) d1;
                for (int t = 0; t < nt; t++) {
                    float[] row = new float[nv];
                    for (int k = 0; k < nv; k++) row[k] = colMajor ? v[k + nv * t] : v[k * nt + t];
                    rows.add(row);
                }
                vertices = nv;
            } else {
                if (vertices >= 0 && v.length != vertices)
                    throw bad(file, where + " has " + v.length + " values but DataArray 0 has " + vertices + "; every time point needs one value per vertex");
                vertices = v.length;
                rows.add(v);
            }
        }
        float[] all = new float[Math.multiplyExact(rows.size(), vertices)];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, all, i * vertices, vertices);
        return new Series(rows.size(), vertices, all);
    }

    private static int intAttr(Path file, Element a, String name, String where) {
        try {
            return Integer.parseInt(a.getAttribute(name).strip());
        } catch (NumberFormatException e) {
            throw bad(file, where + " has no valid " + name + " attribute ('" + a.getAttribute(name) + "')");
        }
    }

    private static float[] decode(Path file, Element a, String where, int count) {
        NodeList data = a.getElementsByTagName("Data");
        if (data.getLength() != 1) throw bad(file, where + " has no <Data> element");
        String text = data.item(0).getTextContent();
        String type = a.getAttribute("DataType");
        int width = switch (type) {
            case "NIFTI_TYPE_FLOAT32", "NIFTI_TYPE_INT32" -> 4;
            case "NIFTI_TYPE_FLOAT64" -> 8;
            case "NIFTI_TYPE_UINT8" -> 1;
            default -> throw bad(file, where + " has DataType '" + type + "'; supported: NIFTI_TYPE_FLOAT32, FLOAT64, INT32, UINT8");
        };
        String enc = a.getAttribute("Encoding");
        float[] v = new float[count];
        if (enc.equals("ASCII")) {
            String[] tok = text.strip().split("\\s+");
            if (tok.length != count) throw bad(file, where + " has " + tok.length + " ASCII values, Dim says " + count);
            for (int i = 0; i < count; i++) {
                try {
                    v[i] = Float.parseFloat(tok[i]);
                } catch (NumberFormatException e) {
                    throw bad(file, where + ": value '" + tok[i] + "' is not a number");
                }
            }
            return v;
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw bad(file, where + ": the base64 data does not decode (" + e.getMessage() + ")");
        }
        long need = (long) count * width;
        if (enc.equals("GZipBase64Binary")) bytes = inflate(file, where, bytes, need);
        else if (!enc.equals("Base64Binary")) throw bad(file, where + " has Encoding '" + enc + "'; supported: ASCII, Base64Binary, GZipBase64Binary");
        if (bytes.length != need) throw bad(file, where + " holds " + bytes.length + " bytes, Dim x DataType needs " + need + " (truncated?)");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(a.getAttribute("Endian").equals("BigEndian") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            v[i] = switch (width) {
                case 1 -> b.get() & 0xff;
                case 8 -> (float) b.getDouble();
                default -> type.equals("NIFTI_TYPE_INT32") ? b.getInt() : b.getFloat();
            };
        }
        return v;
    }

    /** zlib (GIfTI's "GZip" is zlib's deflate stream), bounded by the expected size so a bomb cannot grow. */
    private static byte[] inflate(Path file, String where, byte[] in, long need) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(need, 1 << 26));
            byte[] buf = new byte[1 << 16];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary()))
                    throw bad(file, where + ": the compressed data end early (truncated?)");
                out.write(buf, 0, n);
                if (out.size() > need) throw bad(file, where + ": the compressed data expand past the " + need + " bytes Dim x DataType allow");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw bad(file, where + ": the compressed data are corrupt (" + e.getMessage() + ")");
        } finally {
            inf.end();
        }
    }

    /** Writes one float32 DataArray per row (GZipBase64Binary, little-endian), atomically. */
    public static void write(Path file, int rows, int vertices, float[] values, String intent) {
        if ((long) rows * vertices != values.length) throw new IllegalArgumentException("rows x vertices != values");
        StringBuilder x = new StringBuilder(1024 + values.length * 2);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<GIFTI Version=\"1.0\" NumberOfDataArrays=\"").append(rows).append("\">\n")
                .append("<MetaData><MD><Name>Writer</Name><Value>Engram</Value></MD></MetaData>\n<LabelTable/>\n");
        ByteBuffer b = ByteBuffer.allocate(4 * vertices).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            b.clear();
            b.asFloatBuffer().put(values, r * vertices, vertices);
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (var d = new java.util.zip.DeflaterOutputStream(z)) {
                d.write(b.array());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            x.append("<DataArray Intent=\"").append(intent).append("\" DataType=\"NIFTI_TYPE_FLOAT32\" ArrayIndexingOrder=\"RowMajorOrder\" ")
                    .append("Dimensionality=\"1\" Dim0=\"").append(vertices).append("\" Encoding=\"GZipBase64Binary\" Endian=\"LittleEndian\" ")
                    .append("ExternalFileName=\"\" ExternalFileOffset=\"\">\n<MetaData/>\n<Data>")
                    .append(Base64.getEncoder().encodeToString(z.toByteArray())).append("</Data>\n</DataArray>\n");
        }
        x.append("</GIFTI>\n");
        AtomicFiles.write(file, x.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static UserError bad(Path file, String what) {
        return new UserError(file + ": not a valid GIfTI file: " + what);
    }

}
