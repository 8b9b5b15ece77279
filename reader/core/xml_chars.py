"""What XML 1.0 cannot hold, taken out of text bound for it: control characters but tab
and line ends (a PDF's form feed, a vertical tab from Word), lone surrogates, U+FFFE and
U+FFFF. A file written with them is refused by every XML reader, this app's too."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_IN_XML.sub("", text)


def make_xml_safe(root: ET.Element) -> None:
    """Every text, tail and attribute value of the tree made `xml_safe`, in place."""
    for element in root.iter():
        if element.text:
            element.text = xml_safe(element.text)
        if element.tail:
            element.tail = xml_safe(element.tail)
        for key, value in element.attrib.items():
            element.attrib[key] = xml_safe(value)
